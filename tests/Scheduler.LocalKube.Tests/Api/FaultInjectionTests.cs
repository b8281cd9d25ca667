using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Scheduler.LocalKube.Faults;
using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Api;

/// <summary>Each test gets its own cluster so injected faults never reach other tests.</summary>
public sealed class FaultInjectionTests : IAsyncLifetime
{
    private SimulatedClusterFixture _cluster = null!;

    private IKubernetes Client => _cluster.Client;

    private FaultInjector Faults => _cluster.Server.Faults;

    public async Task InitializeAsync()
    {
        _cluster = new SimulatedClusterFixture();
        await _cluster.InitializeAsync();
    }

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task Next_n_matching_requests_fail_with_500_then_requests_pass()
    {
        Faults.FailNext(2, FaultKind.InternalError, verb: "list", resource: "secrets");
        await Client.CoreV1.ListNamespacedPodAsync("default"); // another resource is untouched
        for (var i = 0; i < 2; i++)
        {
            var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ListNamespacedSecretAsync("default"));
            Assert.Equal(500, (int)error.Response.StatusCode);
            Assert.Contains("\"reason\":\"InternalError\"", error.Response.Content);
        }
        await Client.CoreV1.ListNamespacedSecretAsync("default");
    }

    [Fact]
    public async Task Too_many_requests_carries_retry_after()
    {
        Faults.FailNext(1, FaultKind.TooManyRequests, verb: "create", resource: "pods", retryAfterSeconds: 7);
        using var raw = new RawApi(_cluster.Server.BaseUri);
        var (code, body, response) = await raw.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", "{}");
        Assert.Equal(429, code);
        Assert.Equal("TooManyRequests", (string?)body!["reason"]);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Conflict_fault_is_a_409_status()
    {
        Faults.FailNext(1, FaultKind.Conflict, verb: "create", resource: "secrets");
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedSecretAsync(Objects.Secret("c1"), "default"));
        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Contains("\"reason\":\"Conflict\"", error.Response.Content);
    }

    [Fact]
    public async Task Connection_reset_drops_the_request()
    {
        Faults.FailNext(1, FaultKind.ConnectionReset, verb: "get", resource: "nodes");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Client.CoreV1.ReadNodeAsync("localkube-node"));
        Assert.Equal("localkube-node", (await Client.CoreV1.ReadNodeAsync("localkube-node")).Metadata.Name);
    }

    [Fact]
    public async Task A_fraction_of_requests_fail_deterministically_with_a_seed()
    {
        async Task<string> Pattern()
        {
            await using var seeded = await LocalKubeFixture.StartAsync(o =>
            {
                o.FaultSeed = 42;
                o.KubeletFactory = (c, _) => new RecordingKubelet(c);
            });
            seeded.Server.Faults.FailFraction(0.5, verb: "list", resource: "secrets");
            var outcome = "";
            for (var i = 0; i < 12; i++)
            {
                try
                {
                    await seeded.Client.CoreV1.ListNamespacedSecretAsync("default");
                    outcome += "+";
                }
                catch (HttpOperationException)
                {
                    outcome += "-";
                }
            }
            return outcome;
        }

        var first = await Pattern();
        Assert.Equal(first, await Pattern());
        Assert.Contains('+', first);
        Assert.Contains('-', first);
    }

    [Fact]
    public async Task Close_watches_ends_open_streams()
    {
        using var raw = new RawApi(_cluster.Server.BaseUri);
        var version = (await Client.CoreV1.ListNamespacedPodAsync("default")).Metadata.ResourceVersion;
        using var watch = await raw.WatchAsync($"/api/v1/namespaces/default/pods?watch=true&resourceVersion={version}");
        Faults.CloseWatches();
        Assert.Null(await watch.NextAsync());
    }

    [Fact]
    public async Task Latency_delays_matching_requests()
    {
        Faults.AddLatency(TimeSpan.FromMilliseconds(400), verb: "get", resource: "nodes");
        var started = DateTime.UtcNow;
        await Client.CoreV1.ReadNodeAsync("localkube-node");
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(380));
    }

    [Fact]
    public async Task Hold_pending_keeps_pods_unbound_until_released()
    {
        Faults.HoldPending();
        await Client.CoreV1.CreateNamespacedPodAsync(Objects.Pod("held"), "default");
        // A later pod is created and read back while held: still neither is bound.
        await Client.CoreV1.CreateNamespacedPodAsync(Objects.Pod("held-2"), "default");
        Assert.Null((await Client.CoreV1.ReadNamespacedPodAsync("held", "default")).Spec.NodeName);

        Faults.Clear();
        await Eventually.UntilAsync(() => Client.CoreV1.ReadNamespacedPodAsync("held", "default"), p => p.Spec.NodeName is not null, "binding after release");
    }

    [Fact]
    public async Task Faults_are_controllable_over_http()
    {
        using var raw = new RawApi(_cluster.Server.BaseUri);
        var (added, _, _) = await raw.SendAsync(HttpMethod.Post, "/localkube/faults", "{\"kind\":\"TooManyRequests\",\"verb\":\"get\",\"resource\":\"nodes\",\"count\":1,\"retryAfterSeconds\":2}");
        Assert.Equal(200, added);
        var (code, _, response) = await raw.SendAsync(HttpMethod.Get, "/api/v1/nodes/localkube-node");
        Assert.Equal(429, code);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);

        await raw.SendAsync(HttpMethod.Post, "/localkube/faults/hold-pending", "{\"hold\":true}");
        Assert.True(Faults.HoldingPending);
        var (cleared, _, _) = await raw.SendAsync(HttpMethod.Delete, "/localkube/faults");
        Assert.Equal(204, cleared);
        Assert.False(Faults.HoldingPending);
    }
}
