using k8s;
using Scheduler.Agent;
using Scheduler.Domain.Config;
using Scheduler.LocalKube;

namespace Scheduler.Cli.Commands;

/// <summary>
/// What <c>sched run</c> starts around one task: a LocalKube cluster (unless a real one is given), a data
/// directory, and an embedded one-replica agent serving its API on a free loopback port.
/// Disposing stops them in reverse order and deletes a temporary data directory.
/// </summary>
internal sealed class RunEnvironment : IAsyncDisposable
{
    private LocalKubeServer? _localKube;
    private string? _temporaryDataDirectory;

    private RunEnvironment() { }

    public AgentHost Agent { get; private set; } = null!;

    /// <summary>The data directory that was kept (given, or temporary with --keep-data); null when deleted.</summary>
    public string? KeptDataDirectory { get; private set; }

    public static async Task<RunEnvironment> StartAsync(RunSettings settings, KubernetesOptions kubernetes, CancellationToken ct)
    {
        var environment = new RunEnvironment();
        try
        {
            var dataDirectory = settings.DataDirectory ?? Directory.CreateTempSubdirectory("sched-run-").FullName;
            if (settings.DataDirectory is null && !settings.KeepData)
                environment._temporaryDataDirectory = dataDirectory;
            else
                environment.KeptDataDirectory = dataDirectory;

            var kube = await environment.ConnectAsync(settings, kubernetes, ct);
            environment.Agent = await AgentHost.StartAsync(new AgentHostSettings
            {
                ConfigFile = settings.ConfigFile,
                DataDirectory = dataDirectory,
                Kube = kube,
                ApiUrl = "http://127.0.0.1:0",
                // A one-shot run has no use for the console, and must not take the port of an agent on this machine.
                ConsoleEnabled = false,
                Environment = settings.Environment,
            }, ct);
            return environment;
        }
        catch
        {
            await environment.DisposeAsync();
            throw;
        }
    }

    /// <summary>The cluster to use: --kubeconfig, else the config's own cluster, else a fresh LocalKube.</summary>
    private async Task<KubernetesClientConfiguration?> ConnectAsync(RunSettings settings, KubernetesOptions kubernetes, CancellationToken ct)
    {
        if (settings.Kubeconfig is { } path)
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(path, settings.Context);
        if (kubernetes.Kubeconfig is not null || kubernetes.InCluster)
            return null;
        _localKube = await LocalKubeServer.StartAsync(new LocalKubeOptions(), ct);
        return _localKube.ClientConfiguration();
    }

    public async ValueTask DisposeAsync()
    {
        if (Agent is not null)
            await Agent.DisposeAsync();
        if (_localKube is not null)
            await _localKube.DisposeAsync();
        if (_temporaryDataDirectory is not null)
            TryDelete(_temporaryDataDirectory);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; failing the run over it is not.
        }
    }
}
