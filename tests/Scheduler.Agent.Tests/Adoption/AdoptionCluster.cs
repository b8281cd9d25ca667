using k8s;
using Scheduler.LocalKube;

namespace Scheduler.Agent.Tests.Adoption;

/// <summary>
/// One in-process LocalKube per test class, reached by the agent processes through a kubeconfig file. Safe to share:
/// the tests of a class run one after another and each looks only at its own job's pod, secret and processes.
/// </summary>
public sealed class AdoptionCluster : IAsyncLifetime
{
    private string _directory = "";

    public LocalKubeServer Kube { get; private set; } = null!;

    public IKubernetes Client { get; private set; } = null!;

    public string KubeconfigFile { get; private set; } = "";

    /// <summary>LocalKube's data directory: pod directories live under <c>pods/</c>.</summary>
    public string DataDirectory => Path.Combine(_directory, "kube");

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("adopt-kube-").FullName;
        Kube = await LocalKubeServer.StartAsync(new LocalKubeOptions { DataDirectory = DataDirectory });
        KubeconfigFile = Path.Combine(_directory, "kubeconfig");
        Kube.WriteKubeconfig(KubeconfigFile);
        Client = Kube.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Kube is not null)
            await Kube.DisposeAsync();
        if (_directory.Length > 0)
            Directory.Delete(_directory, recursive: true);
    }
}
