using System.Net;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scheduler.LocalKube.Kubelet;

namespace Scheduler.LocalKube.Tests.Kubelet.Support;

/// <summary>
/// A ProcessKubelet with just the pod subresource routes of the API server in front of it (exec, attach, log),
/// on a free loopback port, so the real KubernetesClient and raw WebSockets can drive it.
/// </summary>
public sealed class KubeletHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _root;

    private KubeletHost(WebApplication app, InMemoryClusterState cluster, ProcessKubelet kubelet, string root, Uri baseUri)
    {
        _app = app;
        Cluster = cluster;
        Kubelet = kubelet;
        _root = root;
        BaseUri = baseUri;
    }

    public InMemoryClusterState Cluster { get; }

    public ProcessKubelet Kubelet { get; }

    public Uri BaseUri { get; }

    public string Root => _root;

    /// <summary>Starts the host; containers of restarting pods back off <paramref name="restartBackOff"/> (default 200 ms, for speed).</summary>
    public static async Task<KubeletHost> StartAsync(TimeSpan? restartBackOff = null)
    {
        var root = Directory.CreateTempSubdirectory("kubelet-test-").FullName;
        var cluster = new InMemoryClusterState();
        var kubelet = new ProcessKubelet(cluster, root, restartBackOff ?? TimeSpan.FromMilliseconds(200));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/api/v1/namespaces/{ns}/pods/{name}/{sub}", async (HttpContext context, string ns, string name, string sub) =>
        {
            if (cluster.GetPod(ns, name) is not { } pod)
            {
                await KubeletErrors.NotFound(context, $"pods \"{name}\" not found");
                return;
            }
            await (sub switch
            {
                "exec" => kubelet.HandleExecAsync(context, pod),
                "attach" => kubelet.HandleAttachAsync(context, pod),
                "log" => kubelet.HandleLogsAsync(context, pod),
                _ => KubeletErrors.NotFound(context, "the server could not find the requested resource"),
            });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KubeletHost(app, cluster, kubelet, root, new Uri($"http://127.0.0.1:{new Uri(address).Port}"));
    }

    public IKubernetes CreateClient() => new Kubernetes(new KubernetesClientConfiguration { Host = BaseUri.ToString() });

    /// <summary>Adds the pod to the store and starts it, as the scheduler does after binding.</summary>
    public string Run(k8s.Models.V1Pod pod)
    {
        var stored = Cluster.AddPod(pod);
        Kubelet.StartPod(stored);
        return stored.Metadata.Name;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Kubelet.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }
}
