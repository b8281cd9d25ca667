using Scheduler.Agent.Tests.EndToEnd;
using Scheduler.Agent.Tests.Support;
using Scheduler.LocalKube;

namespace Scheduler.Agent.Tests.Pbm;

/// <summary>One LocalKube and one real agent process (its console on a free port) shared by a test class.</summary>
public sealed class ConsoleAgent : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pbm-e2e-").FullName;
    private LocalKubeServer? _kube;

    public AgentProcess Agent { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _kube = await LocalKubeServer.StartAsync(new LocalKubeOptions { DataDirectory = Path.Combine(_directory, "kube") });
        var kubeconfig = Path.Combine(_directory, "kubeconfig");
        _kube.WriteKubeconfig(kubeconfig);
        var config = Path.Combine(_directory, "agent.conf");
        await File.WriteAllTextAsync(config, TestClasses.OneAtATimeHocon);
        Agent = await AgentProcess.StartAsync(config, Path.Combine(_directory, "data"), kubeconfig);
    }

    public async Task DisposeAsync()
    {
        if (Agent is not null)
            await Agent.DisposeAsync();
        if (_kube is not null)
            await _kube.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
