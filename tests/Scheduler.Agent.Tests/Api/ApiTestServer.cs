using System.Net;
using System.Net.Http.Json;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scheduler.Agent.Api;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Logs;
using Scheduler.Domain.Config;
using Scheduler.Domain.Pods;
using Scheduler.Agent.Tests.Support;

namespace Scheduler.Agent.Tests.Api;

/// <summary>
/// A real Kestrel server on 127.0.0.1:0 serving only the API's endpoints, over an <see cref="InMemoryJobService"/>
/// and a real SQLite log store in a temporary directory. <see cref="Client"/> presents the operator token.
/// </summary>
internal sealed class ApiTestServer : IAsyncDisposable
{
    public const string SmallClass = "test/small";
    public const string SmallToken = "small-token";
    public const string LargeClass = "test/large";
    public const string LargeToken = "large-token";
    public const string LockedClass = "test/locked";
    public const string LockedToken = "locked-token";
    public const string NoServicesClass = "test/no-services";
    public const string NoServicesToken = "no-services-token";
    public const long MaxBodyBytes = 4096;
    public static readonly TimeSpan MaxRunTime = TimeSpan.FromHours(1);

    private readonly WebApplication _app;

    private readonly DirectoryInfo _directory;

    private ApiTestServer(WebApplication app, InMemoryJobService jobs, SqliteJobLogStore logs, HttpClient client, DirectoryInfo directory)
    {
        _app = app;
        Jobs = jobs;
        Logs = logs;
        Client = client;
        _directory = directory;
    }

    public InMemoryJobService Jobs { get; }
    public IJobLogStore Logs { get; }
    public HttpClient Client { get; }

    /// <summary>A client of this server presenting <paramref name="token"/> (none when null).</summary>
    public HttpClient ClientWith(string? token) => TestTokens.Client(Client.BaseAddress!, token);

    public static async Task<ApiTestServer> StartAsync(IAgentReadiness? readiness = null)
    {
        var jobs = new InMemoryJobService();
        var directory = Directory.CreateTempSubdirectory("sched-api-");
        var logs = new SqliteJobLogStore($"Data Source={Path.Combine(directory.FullName, "logs.db")}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<IJobService>(jobs);
        builder.Services.AddSingleton<IJobLogStore>(logs);
        builder.Services.AddSingleton(Agent());
        builder.Services.AddSingleton(new ApiOptions { MaxBodyBytes = MaxBodyBytes });
        builder.Services.AddSingleton(Prometheus.Metrics.NewCustomRegistry());
        if (readiness is not null)
            builder.Services.AddSingleton(readiness);
        var app = builder.Build();
        app.MapSchedulerApi();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApiTestServer(app, jobs, logs, TestTokens.Client(new Uri(address)), directory);
    }

    public static AgentOptions Agent() => new()
    {
        MaxRunTime = MaxRunTime,
        OperatorToken = TestTokens.Operator,
        ResourceClasses = new Dictionary<string, ResourceClassOptions>
        {
            [SmallClass] = Class(SmallClass, SmallToken),
            [LargeClass] = Class(LargeClass, LargeToken),
            [LockedClass] = Class(LockedClass, LockedToken) with { AllowedImages = ["alpine:*", "registry.example.com/ci/**"], AllowedPullPolicies = ["IfNotPresent"] },
            [NoServicesClass] = Class(NoServicesClass, NoServicesToken) with { AllowServices = false },
        },
    };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await ((SqliteJobLogStore)Logs).DisposeAsync();
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    private static ResourceClassOptions Class(string name, string token) =>
        new(name, token, 5, ExecutionMode.Exec, new PodTemplate(new V1ObjectMeta(), new V1PodSpec { Containers = [] }));
}
