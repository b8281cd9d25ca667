using System.Net;
using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.KubectlCli;

/// <summary>
/// <c>sched localkube</c>'s request log on stderr: every request with <c>-v</c>; without it, only rejected requests.
/// A request's line is written before its response ends, so once a later request's line is seen, earlier ones are too.
/// </summary>
public sealed class RequestLogTests : IAsyncLifetime
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan LineLimit = TimeSpan.FromSeconds(10);
    private readonly List<SchedLocalKubeProcess> _started = new();
    private readonly HttpClient _http = new();
    private string _directory = null!;

    public Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("sched-request-log-test-").FullName;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        foreach (var sched in _started) await sched.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<SchedLocalKubeProcess> StartAsync(params string[] args)
    {
        var sched = SchedLocalKubeProcess.Start(_directory, args);
        _started.Add(sched);
        await sched.WaitForLineAsync("LocalKube is serving at", StartLimit);
        return sched;
    }

    private Task<HttpResponseMessage> GetAsync(SchedLocalKubeProcess sched, string pathAndQuery) =>
        _http.GetAsync($"http://127.0.0.1:{sched.Port}{pathAndQuery}");

    [Fact]
    public async Task With_v_every_request_is_a_line_with_method_path_query_status_and_duration()
    {
        var sched = await StartAsync("-v");

        using var response = await GetAsync(sched, "/api/v1/nodes?limit=500");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var line = await sched.Stderr.WaitForLineAsync("/api/v1/nodes", LineLimit);
        Assert.Matches(@"^GET /api/v1/nodes\?limit=500 200 \d+ms$", line);
    }

    [Fact]
    public async Task Without_v_a_rejected_request_is_one_line_with_its_reason_and_a_successful_one_none()
    {
        var sched = await StartAsync();

        using var ok = await GetAsync(sched, "/api/v1/nodes");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var missing = await GetAsync(sched, "/api/v1/namespaces/default/pods/missing");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        await sched.Stderr.WaitForLineAsync("/pods/missing", LineLimit);
        Assert.Equal(["GET /api/v1/namespaces/default/pods/missing 404 NotFound: pods \"missing\" not found"], sched.Stderr.SoFar());
    }
}
