using System.Net;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scheduler.LocalKube.Api;
using Scheduler.LocalKube.Faults;
using Scheduler.LocalKube.Hosting;
using Scheduler.LocalKube.Kubelet;
using Scheduler.LocalKube.Lifecycle;
using Scheduler.LocalKube.Resources;
using Scheduler.LocalKube.Scheduling;
using Scheduler.LocalKube.Store;

namespace Scheduler.LocalKube;

/// <summary>
/// A Kubernetes API server on 127.0.0.1 (or <see cref="LocalKubeOptions.Address"/>) that stores objects in memory, schedules pods onto simulated nodes
/// and runs them as local processes. Start it with <see cref="StartAsync"/>; dispose it to stop everything.
/// </summary>
public sealed class LocalKubeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ClusterServices _services;
    private readonly OwnerGarbageCollector _garbageCollector;
    private readonly NodeLifecycle _nodeLifecycle;
    private readonly EventExpiry? _eventExpiry;
    private readonly string? _ownedDataDirectory;
    private int _disposed;

    private LocalKubeServer(
        WebApplication app, ClusterServices services, OwnerGarbageCollector gc, NodeLifecycle nodes, EventExpiry? eventExpiry,
        Uri baseUri, string? ownedDataDirectory)
    {
        _app = app;
        _services = services;
        _garbageCollector = gc;
        _nodeLifecycle = nodes;
        _eventExpiry = eventExpiry;
        BaseUri = baseUri;
        _ownedDataDirectory = ownedDataDirectory;
    }

    /// <summary>http://ADDRESS:PORT, by default http://127.0.0.1:PORT</summary>
    public Uri BaseUri { get; }

    /// <summary>Fault injection for chaos tests.</summary>
    public FaultInjector Faults => _services.Faults;

    /// <summary>The server's parts, for tests that check its internal bookkeeping stays bounded.</summary>
    internal ClusterServices Services => _services;

    internal EventExpiry? EventExpiry => _eventExpiry;

    public static async Task<LocalKubeServer> StartAsync(LocalKubeOptions options, CancellationToken ct = default)
    {
        if (options.EventTtl <= TimeSpan.Zero && options.EventTtl != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(options), options.EventTtl, "EventTtl must be positive or Timeout.InfiniteTimeSpan");
        var ownedDirectory = options.DataDirectory is null
            ? Directory.CreateTempSubdirectory("localkube-").FullName
            : null;
        var dataDirectory = options.DataDirectory ?? ownedDirectory!;
        Directory.CreateDirectory(dataDirectory);

        var store = new ObjectStore(options.WatchHistorySize);
        var eventExpiry = options.EventTtl == Timeout.InfiniteTimeSpan ? null : new EventExpiry(store, options.EventTtl);
        var events = new EventRecorder(store);
        SeedNamespaces(store);
        foreach (var node in NodeSource.Load(options)) store.Create(ResourceCatalog.Nodes, NodeDefaults.Apply(node));

        var faults = new FaultInjector(options.FaultSeed);
        var cluster = new ClusterState(store, events);
        var kubelet = (options.KubeletFactory ?? ((c, root) => new ProcessKubelet(c, root, options.ContainerRestartBackOff)))(cluster, dataDirectory);
        faults.AttachKubelet(kubelet);
        var terminator = new PodTerminator(store, kubelet);
        var scheduler = new PodScheduler(store, events, kubelet, faults, terminator);
        var services = new ClusterServices(store, events, kubelet, faults, terminator, scheduler, options.BookmarkInterval);
        var gc = new OwnerGarbageCollector(store, terminator);
        var nodeLifecycle = new NodeLifecycle(store, kubelet);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(options.Address, options.Port));
        builder.Services.AddSingleton(services);
        var app = builder.Build();
        var requestLog = new RequestLog(TextWriter.Synchronized(options.RequestLog ?? Console.Error), options.LogAllRequests);
        app.Use(requestLog.InvokeAsync);
        ApiEndpoints.Map(app, services);

        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            gc.Dispose();
            nodeLifecycle.Dispose();
            if (eventExpiry is not null) await eventExpiry.DisposeAsync();
            await app.DisposeAsync();
            await kubelet.DisposeAsync();
            if (ownedDirectory is not null) TryDeleteDirectory(ownedDirectory);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        scheduler.Start();
        return new LocalKubeServer(app, services, gc, nodeLifecycle, eventExpiry, new Uri($"http://{options.Address}:{port}"), ownedDirectory);
    }

    /// <summary>A kubeconfig (context "localkube", namespace default) that kubectl and KubernetesClient load as-is.</summary>
    public string KubeconfigYaml() => KubeconfigBuilder.Build(BaseUri);

    public void WriteKubeconfig(string path) => File.WriteAllText(path, KubeconfigYaml());

    public KubernetesClientConfiguration ClientConfiguration()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(KubeconfigYaml()));
        return KubernetesClientConfiguration.BuildConfigFromConfigFile(stream);
    }

    public IKubernetes CreateClient() => new Kubernetes(ClientConfiguration());

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        if (_eventExpiry is not null) await _eventExpiry.DisposeAsync();
        _garbageCollector.Dispose();
        _nodeLifecycle.Dispose();
        await _services.Scheduler.DisposeAsync();
        _services.Faults.CloseWatches();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _services.Kubelet.DisposeAsync();
        if (_ownedDataDirectory is not null) TryDeleteDirectory(_ownedDataDirectory);
    }

    private static void SeedNamespaces(ObjectStore store)
    {
        foreach (var name in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            store.Create(ResourceCatalog.Namespaces, new V1Namespace
            {
                ApiVersion = "v1",
                Kind = "Namespace",
                Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = name } },
                Spec = new V1NamespaceSpec { Finalizers = ["kubernetes"] },
                Status = new V1NamespaceStatus { Phase = "Active" },
            });
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
