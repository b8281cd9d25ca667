using System.Net;
using k8s.Autorest;
using Scheduler.Kube.Tests.Support;
using Scheduler.LocalKube.Faults;

namespace Scheduler.Kube.Tests.Integration;

public sealed class RetryTests : KubeTestCluster
{
    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    [Fact]
    public async Task A_create_succeeds_through_injected_500s()
    {
        Server.Faults.FailNext(2, FaultKind.InternalError, "create", "pods");

        var pod = await Gateway.CreatePodAsync(Pod(UniqueName("r500"), "job-1"), Timeout);

        Assert.NotNull(pod.Metadata.Uid);
        Assert.Equal(3, Requests.Count("POST", "/pods"));
    }

    [Fact]
    public async Task A_read_succeeds_through_429_with_retry_after()
    {
        var created = await Gateway.CreatePodAsync(Pod(UniqueName("r429"), "job-1"), Timeout);
        Server.Faults.FailNext(1, FaultKind.TooManyRequests, "get", "pods", retryAfterSeconds: 1);

        var read = await Gateway.GetPodAsync(created.Metadata.Name, Timeout);

        Assert.Equal(created.Metadata.Uid, read!.Metadata.Uid);
        Assert.Equal(2, Requests.Count("GET", "/pods/" + created.Metadata.Name));
    }

    [Fact]
    public async Task A_create_survives_connection_resets()
    {
        Server.Faults.FailNext(2, FaultKind.ConnectionReset, "create", "pods");

        var pod = await Gateway.CreatePodAsync(Pod(UniqueName("reset"), "job-1"), Timeout);

        Assert.NotNull(pod.Metadata.Uid);
        Assert.Equal(3, Requests.Count("POST", "/pods"));
    }

    [Fact]
    public async Task A_conflict_is_not_retried()
    {
        Server.Faults.FailNext(1, FaultKind.Conflict, "get", "pods");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Gateway.GetPodAsync("whatever", Timeout));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Equal(1, Requests.Count("GET", "/pods/whatever"));
    }

    [Fact]
    public async Task Retries_are_bounded_and_the_last_error_surfaces()
    {
        Server.Faults.FailNext(100, FaultKind.InternalError, "list", "nodes");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Gateway.ListNodesAsync(Timeout));

        Assert.Equal(HttpStatusCode.InternalServerError, error.Response.StatusCode);
        Assert.Equal(FastRetry.MaxAttempts, Requests.Count("GET", "/api/v1/nodes"));
    }
}
