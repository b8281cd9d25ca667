using k8s;
using Scheduler.LocalKube;
using Xunit;

namespace Scheduler.LocalKube.Tests.Support;

/// <summary>
/// A running LocalKube for a test class: the server, a KubernetesClient, a kubeconfig file and a kubectl runner.
/// Use as an <c>IClassFixture</c>, or derive and override <see cref="ConfigureOptions"/> for other nodes or settings.
/// </summary>
public class LocalKubeFixture : IAsyncLifetime, IAsyncDisposable
{
    private string? _directory;

    public LocalKubeServer Server { get; private set; } = null!;

    public IKubernetes Client { get; private set; } = null!;

    public string KubeconfigPath { get; private set; } = null!;

    public Kubectl Kubectl { get; private set; } = null!;

    /// <summary>Starts a LocalKube outside the xunit fixture lifecycle; dispose the result.</summary>
    public static async Task<LocalKubeFixture> StartAsync(Action<LocalKubeOptions>? configure = null)
    {
        var fixture = new DelegatingFixture(configure);
        await fixture.InitializeAsync();
        return fixture;
    }

    protected virtual void ConfigureOptions(LocalKubeOptions options)
    {
    }

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("localkube-test-").FullName;
        var options = new LocalKubeOptions { BookmarkInterval = TimeSpan.FromMilliseconds(300) };
        ConfigureOptions(options);
        Server = await LocalKubeServer.StartAsync(options);
        KubeconfigPath = Path.Combine(_directory, "kubeconfig");
        Server.WriteKubeconfig(KubeconfigPath);
        Client = Server.CreateClient();
        Kubectl = new Kubectl(KubeconfigPath);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
        if (_directory is not null && Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    private sealed class DelegatingFixture(Action<LocalKubeOptions>? configure) : LocalKubeFixture
    {
        protected override void ConfigureOptions(LocalKubeOptions options) => configure?.Invoke(options);
    }
}
