using System.Net;
using System.Net.Http.Json;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scheduler.Agent.Api;
using Scheduler.Agent.Jobs;
using Scheduler.Domain.Config;
using Scheduler.Domain.Pods;

namespace Scheduler.Agent.Tests.Api;

/// <summary>A real Kestrel server on 127.0.0.1:0 serving only the API's endpoints over an <see cref="InMemoryJobService"/>.</summary>
internal sealed class ApiTestServer : IAsyncDisposable
{
    public const string SmallClass = "test/small";
    public const string SmallToken = "small-token";
    public const string LargeClass = "test/large";
    public const string LargeToken = "large-token";
    public const long MaxBodyBytes = 4096;
    public static readonly TimeSpan MaxRunTime = TimeSpan.FromHours(1);

    private readonly WebApplication _app;

    private ApiTestServer(WebApplication app, InMemoryJobService jobs, HttpClient client)
    {
        _app = app;
        Jobs = jobs;
        Client = client;
    }

    public InMemoryJobService Jobs { get; }
    public HttpClient Client { get; }

    public static async Task<ApiTestServer> StartAsync(IAgentReadiness? readiness = null)
    {
        var jobs = new InMemoryJobService();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<IJobService>(jobs);
        builder.Services.AddSingleton(Agent());
        builder.Services.AddSingleton(new ApiOptions { MaxBodyBytes = MaxBodyBytes });
        if (readiness is not null)
            builder.Services.AddSingleton(readiness);
        var app = builder.Build();
        app.MapSchedulerApi();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApiTestServer(app, jobs, new HttpClient { BaseAddress = new Uri(address) });
    }

    public static AgentOptions Agent() => new()
    {
        MaxRunTime = MaxRunTime,
        ResourceClasses = new Dictionary<string, ResourceClassOptions>
        {
            [SmallClass] = Class(SmallClass, SmallToken),
            [LargeClass] = Class(LargeClass, LargeToken),
        },
    };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static ResourceClassOptions Class(string name, string token) =>
        new(name, token, 5, ExecutionMode.Exec, new PodTemplate(new V1ObjectMeta(), new V1PodSpec { Containers = [] }));
}
