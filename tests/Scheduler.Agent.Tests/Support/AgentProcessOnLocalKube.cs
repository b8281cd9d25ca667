using Scheduler.Agent.Tests.EndToEnd;
using Scheduler.LocalKube;

namespace Scheduler.Agent.Tests.Support;

/// <summary>
/// One LocalKube and one real <c>sched agent</c> process on it (<see cref="TestClasses.OneAtATimeHocon"/>, its API and
/// console on free ports), in a temp directory of their own; usable as a class fixture.
/// </summary>
public sealed class AgentProcessOnLocalKube : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("agent-process-").FullName;
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
