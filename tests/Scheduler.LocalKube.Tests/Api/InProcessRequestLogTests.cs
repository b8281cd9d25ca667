using k8s;
using k8s.Autorest;
using k8s.Models;
using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Api;

/// <summary>The request log directed to a TextWriter (<see cref="LocalKubeOptions.RequestLog"/>).</summary>
public sealed class InProcessRequestLogTests
{
    private static string[] Lines(StringWriter log) => log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task A_rejected_patch_is_logged_with_its_status_reason_and_message()
    {
        var log = new StringWriter();
        await using var cluster = await LocalKubeFixture.StartAsync(o => o.RequestLog = log);
        await cluster.Client.CoreV1.ListNodeAsync();

        var patch = new V1Patch("""[{"op":"remove","path":"/spec/unschedulable"}]""", V1Patch.PatchType.JsonPatch);
        await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Client.CoreV1.PatchNodeAsync(patch, "localkube-node"));

        var line = Assert.Single(Lines(log));
        Assert.StartsWith("PATCH /api/v1/nodes/localkube-node 422 Invalid: ", line);
        Assert.Contains("Unable to remove nonexistent key: unschedulable", line);
    }

    [Fact]
    public async Task LogAllRequests_logs_successes_with_their_duration()
    {
        var log = new StringWriter();
        await using var cluster = await LocalKubeFixture.StartAsync(o => { o.RequestLog = log; o.LogAllRequests = true; });

        await cluster.Client.CoreV1.ReadNamespaceAsync("default");

        Assert.Matches(@"^GET /api/v1/namespaces/default 200 \d+ms$", Assert.Single(Lines(log)));
    }
}
