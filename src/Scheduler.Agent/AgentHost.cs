using Akka.Hosting;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Scheduler.Agent.Actors;
using Scheduler.Agent.Api;
using Scheduler.Agent.Classes;
using Scheduler.Agent.Config;
using Scheduler.Agent.GarbageCollection;
using Scheduler.Agent.Hosting;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Logs;
using Scheduler.Agent.Metrics;
using Scheduler.Agent.Pbm;
using Scheduler.Domain.Config;
using Scheduler.Domain.Pods;
using Scheduler.Kube.Connection;
using Scheduler.Kube.Gateway;
using Scheduler.Kube.Resilience;
using Scheduler.Kube.Watch;
using Serilog;

namespace Scheduler.Agent;

/// <summary>
/// One agent replica in-process: config, the Kubernetes connection and shared pod watch, the durable stores,
/// the actor system with its shard regions, and the HTTP API. <c>sched agent</c> and <c>sched run</c> both use it.
/// </summary>
public sealed class AgentHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    /// <summary>Covers the moment between a pod's creation and the job views catching up with it.</summary>
    public static readonly TimeSpan DefaultGarbageCollectionGrace = TimeSpan.FromMinutes(2);

    private AgentHost(WebApplication app, SchedulerOptions options, Uri apiBaseUri)
    {
        _app = app;
        Options = options;
        ApiBaseUri = apiBaseUri;
    }

    public SchedulerOptions Options { get; }

    public Uri ApiBaseUri { get; }

    /// <summary>Where the console listens; null when <c>console.enabled</c> is off.</summary>
    public System.Net.IPEndPoint? ConsoleEndpoint => _app.Services.GetService<ConsoleListener>()?.Endpoint;

    public IServiceProvider Services => _app.Services;

    public IJobService Jobs => _app.Services.GetRequiredService<IJobService>();

    public IJobLogStore Logs => _app.Services.GetRequiredService<IJobLogStore>();

    /// <summary>
    /// Completes when the replica's actor system has terminated on its own: the cluster downed this replica (the
    /// minority side of a partition) or it was told to leave. The process should then exit, so that it is restarted
    /// rather than serving HTTP without a cluster behind it.
    /// </summary>
    public Task ActorSystemTerminated => Services.GetRequiredService<Akka.Actor.ActorSystem>().WhenTerminated;

    /// <summary>Reads and follows job logs as the API's log endpoints do.</summary>
    public JobLogFollower LogFollower => new(Logs, Jobs);

    /// <summary>Loads and validates the config; throws <see cref="AgentConfigException"/> naming the bad keys.</summary>
    public static (SchedulerOptions Options, Akka.Configuration.Config Hocon) LoadConfig(AgentHostSettings settings)
    {
        var loaded = SchedulerConfigLoader.Load(settings.ConfigFile, settings.Environment);
        if (!loaded.IsValid)
            throw new AgentConfigException(loaded.Describe());
        var options = loaded.Options;
        if (settings.DataDirectory is { } data)
            options = options with { Storage = options.Storage with { DataDirectory = data } };
        if (settings.ApiUrl is { } url)
        {
            options = options with { Api = options.Api with { ListenUrl = url } };
            if (HostOptionsValidator.ValidateApi(options.Api).FirstOrDefault(e => e.Key == "api.listenUrl") is { } error)
                throw new AgentConfigException($"--listen: {error.Message}");
        }
        options = options with { Console = WithOverrides(options.Console, settings) };
        if (HostOptionsValidator.ValidateConsole(options.Console).ToArray() is { Length: > 0 } errors)
            throw new AgentConfigException(string.Join(Environment.NewLine, errors.Select(e => e.ToString())));
        return (options, loaded.Hocon);
    }

    private static ConsoleOptions WithOverrides(ConsoleOptions console, AgentHostSettings settings)
    {
        if (settings.ConsoleEnabled is { } enabled)
            console = console with { Enabled = enabled };
        if (settings.ConsoleListen is not { } listen)
            return console;
        if (!ConsoleEndpointText.TryParse(listen, out var host, out var port))
            throw new AgentConfigException($"--console: the listen address must be HOST:PORT, got \"{listen}\"");
        return console with { Host = host, Port = port };
    }

    public static async Task<AgentHost> StartAsync(AgentHostSettings settings, CancellationToken ct = default)
    {
        var (options, hocon) = LoadConfig(settings);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddSerilog().SetMinimumLevel(LogLevel.Information); // Serilog's minimum decides
        builder.WebHost.UseUrls(options.Api.ListenUrl);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null); // the API enforces its own limit, with a JSON 413

        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedHostLifetime>();
        AddServices(builder.Services, options, settings);
        var shards = SchedulerSharding.MaxNumberOfShards(hocon);
        builder.Services.AddHealthChecks();
        builder.Services.AddSchedulerAkka(options, hocon, (akka, _) => akka
            .WithSchedulerHealthChecks(StorageLayout.From(options.Storage))
            .AddReplicaSlots(options.Agent.MaxConcurrentTasks)
            .AddResourceClassShard(shards, SchedulerSharding.RememberedEntities())
            .AddConstraintChecker(options.Agent)
            .AddJobShard()
            .AddGarbageCollectorWhenEnabled(options.Agent, settings.GarbageCollectionGrace ?? DefaultGarbageCollectionGrace)
            .AddConsolePalettes(options.Agent));

        var app = builder.Build();
        app.UseSchedulerApiErrors();
        app.MapSchedulerApi();
        // Stopping starts with the drain, before the API and then the actor system (hand-off, leaving) stop.
        app.Lifetime.ApplicationStopping.Register(() => app.Services.GetRequiredService<ReplicaDrain>().Begin());

        // The watch's cache is primed before any job can wait on it.
        await app.Services.GetRequiredService<SharedPodWatch>().StartAsync(ct);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AgentHost(app, options, new Uri(address.Replace("[::]", "127.0.0.1")));
    }

    private static void AddServices(IServiceCollection services, SchedulerOptions options, AgentHostSettings settings)
    {
        var storage = StorageLayout.From(options.Storage);
        services.AddSingleton(options);
        services.AddSingleton(options.Agent);
        services.AddSingleton(options.Api);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => Connect(options.Kubernetes, settings.Kube, sp.GetRequiredService<KubeApiMetrics>()));
        services.AddSingleton(sp => new KubeGateway(sp.GetRequiredService<KubeConnection>(), new KubeGatewayOptions(SchedulerLabels.JobId)));
        services.AddSingleton(sp => new SharedPodWatch(
            sp.GetRequiredService<KubeConnection>(),
            $"{SchedulerLabels.ManagedBy}={SchedulerLabels.ManagedByValue}",
            logger: sp.GetRequiredService<ILogger<SharedPodWatch>>()));
        services.AddJobLogStore(storage);
        services.AddSingleton<IJobViewStore>(sp => new SqlJobViewStore(
            () => storage.UsesPostgres ? new NpgsqlConnection(storage.ViewsConnectionString) : new SqliteConnection(storage.ViewsConnectionString),
            storage.UsesPostgres ? null : SqliteWriteGate.For(storage.ViewsConnectionString),
            sp.GetRequiredService<ILogger<SqlJobViewStore>>()));
        services.AddSingleton(sp => new JobRuntime(
            options,
            sp.GetRequiredService<KubeConnection>(),
            sp.GetRequiredService<KubeGateway>(),
            sp.GetRequiredService<SharedPodWatch>(),
            sp.GetRequiredService<IJobLogStore>(),
            sp.GetRequiredService<IJobViewStore>(),
            sp.GetRequiredService<TimeProvider>())
        {
            ReconcileInterval = settings.ReconcileInterval ?? TimeSpan.FromSeconds(15),
            Metrics = sp.GetRequiredService<JobMetrics>(),
        });
        services.AddSingleton<ReplicaDrain>();
        services.AddSingleton<IAgentReadiness>(sp => new ClusterReadiness(sp.GetRequiredService<Akka.Actor.ActorSystem>(), sp.GetRequiredService<ReplicaDrain>()));
        services.AddSingleton<ResourceClassViews>();
        services.AddSingleton(sp =>
        {
            var registry = Prometheus.Metrics.NewCustomRegistry();
            ResourceClassGauges.Register(registry, sp.GetRequiredService<ResourceClassViews>());
            ClusterGauges.Register(registry, sp.GetRequiredService<Akka.Actor.ActorSystem>);
            return registry;
        });
        services.AddSingleton(sp => new JobMetrics(sp.GetRequiredService<Prometheus.CollectorRegistry>(), options.Agent));
        services.AddSingleton(sp => new KubeApiMetrics(sp.GetRequiredService<Prometheus.CollectorRegistry>()));
        services.AddSingleton(sp => new GarbageCollectionMetrics(sp.GetRequiredService<Prometheus.CollectorRegistry>()));
        services.AddSingleton<IJobService>(sp => new ActorJobService(
            sp.GetRequiredService<Akka.Actor.ActorSystem>(),
            sp.GetRequiredService<IRequiredActor<JobActor>>(),
            sp.GetRequiredService<IRequiredActor<ResourceClassActor>>(),
            sp.GetRequiredService<IJobViewStore>(),
            sp.GetRequiredService<TimeProvider>()));
        if (options.Agent.KubeGCEnabled)
            services.AddSingleton<IGarbageCollector>(sp => new ActorGarbageCollector(sp.GetRequiredService<IRequiredActor<GarbageCollectorActor>>()));
        if (options.Console.Enabled)
        {
            var token = ConsoleToken.Resolve(options.Console, options.Agent.OperatorToken);
            services.AddSingleton(sp => new ConsoleListener(
                options.Console,
                token,
                new ConsoleDispatcher(sp.GetRequiredService<Akka.Actor.ActorSystem>(), sp.GetRequiredService<ActorRegistry>()),
                sp.GetRequiredService<ILogger<ConsoleListener>>()));
            services.AddHostedService(sp => sp.GetRequiredService<ConsoleListener>());
        }
    }

    private static KubeConnection Connect(KubernetesOptions kube, KubernetesClientConfiguration? given, IKubeRequestObserver observer)
    {
        var connection = new KubeConnectionOptions
        {
            KubeconfigPath = kube.Kubeconfig,
            Context = kube.Context,
            InCluster = kube.InCluster,
            Namespace = kube.Namespace,
            RateLimit = new KubeRateLimitOptions { Qps = kube.Qps, Burst = kube.Burst },
            Observer = observer,
        };
        return given is null ? KubeConnection.Create(connection) : KubeConnection.Create(given, connection);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
