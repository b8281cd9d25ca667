using System.Net;
using System.Net.Http.Json;
using Scheduler.Agent.Api;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Tests.Support;
using Xunit;

namespace Scheduler.Agent.Tests.Api;

/// <summary>Who may call what: no token, a class token (its own class's tasks only), the operator token (everything).</summary>
public sealed class AuthorizationTests : IAsyncLifetime
{
    private ApiTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string> ProtectedRoutes() => new()
    {
        { "POST", "/api/v1/tasks" },
        { "GET", "/api/v1/tasks" },
        { "GET", "/api/v1/tasks/job-1" },
        { "GET", "/api/v1/tasks/job-1/logs" },
        { "GET", "/api/v1/tasks/job-1/logs/events" },
        { "POST", "/api/v1/tasks/job-1/cancel" },
        { "GET", "/api/v1/gc" },
        { "POST", "/api/v1/gc/run" },
        { "GET", "/api/v1/resource-classes" },
    };

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Every_api_route_is_401_without_a_token_and_with_a_wrong_one(string method, string path)
    {
        _server.Jobs.Add(JobStates.Running);
        using var anonymous = _server.ClientWith(null);
        using var stranger = _server.ClientWith("not-a-token");

        var missing = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var wrong = await stranger.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (missing.StatusCode, wrong.StatusCode));
        Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);
        await ApiResponses.ErrorNamingAsync(wrong, "Authorization");
        Assert.Equal(JobStates.Running, (await _server.Jobs.GetAsync("job-1", default))!.State);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Health_needs_no_token(string path)
    {
        using var anonymous = _server.ClientWith(null);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task A_class_token_reads_follows_and_cancels_its_own_classs_task()
    {
        var job = _server.Jobs.Add(JobStates.Running, ApiTestServer.SmallClass);
        using var small = _server.ClientWith(ApiTestServer.SmallToken);

        var read = await small.GetAsync(TaskRoutes.Task(job.Id));
        var log = await small.GetAsync(TaskRoutes.Logs(job.Id));
        var cancel = await small.PostAsync(TaskRoutes.Cancel(job.Id), null);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Accepted), (read.StatusCode, log.StatusCode, cancel.StatusCode));
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("GET", "/logs")]
    [InlineData("GET", "/logs/events")]
    [InlineData("POST", "/cancel")]
    public async Task Another_classs_task_and_an_unknown_id_get_the_same_403(string method, string suffix)
    {
        var large = _server.Jobs.Add(JobStates.Running, ApiTestServer.LargeClass);
        using var small = _server.ClientWith(ApiTestServer.SmallToken);

        var foreign = await small.SendAsync(new HttpRequestMessage(new HttpMethod(method), TaskRoutes.Task(large.Id) + suffix));
        var unknown = await small.SendAsync(new HttpRequestMessage(new HttpMethod(method), TaskRoutes.Task("job-999") + suffix));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (foreign.StatusCode, unknown.StatusCode));
        Assert.Equal(await foreign.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.DoesNotContain(large.Id, await foreign.Content.ReadAsStringAsync());
        Assert.Equal(JobStates.Running, (await _server.Jobs.GetAsync(large.Id, default))!.State);
    }

    [Fact]
    public async Task A_class_token_lists_only_its_own_classs_tasks()
    {
        _server.Jobs.Add(JobStates.Running, ApiTestServer.SmallClass);
        _server.Jobs.Add(JobStates.Running, ApiTestServer.LargeClass);
        using var small = _server.ClientWith(ApiTestServer.SmallToken);

        var listed = await small.GetFromJsonAsync<List<JobView>>(TaskRoutes.Tasks, ApiJson.Options);
        var other = await small.GetAsync($"{TaskRoutes.Tasks}?resourceClass=test%2Flarge");

        Assert.Equal(ApiTestServer.SmallClass, Assert.Single(listed!).ResourceClass);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        await ApiResponses.ErrorNamingAsync(other, "resourceClass");
    }

    [Fact]
    public async Task The_operator_token_reaches_every_class_and_the_garbage_collector_while_a_class_token_does_not()
    {
        var large = _server.Jobs.Add(JobStates.Running, ApiTestServer.LargeClass);
        using var small = _server.ClientWith(ApiTestServer.SmallToken);

        var all = await _server.Client.GetFromJsonAsync<List<JobView>>(TaskRoutes.Tasks, ApiJson.Options);
        var read = await _server.Client.GetAsync(TaskRoutes.Task(large.Id));
        var unknown = await _server.Client.GetAsync(TaskRoutes.Task("job-999"));
        var gc = await _server.Client.GetAsync(TaskRoutes.GarbageCollector);
        var gcByClass = await small.GetAsync(TaskRoutes.GarbageCollector);
        var gcRunByClass = await small.PostAsync(TaskRoutes.GarbageCollectorRun, null);
        var classesByClass = await small.GetAsync(ResourceClassRoutes.ResourceClasses);

        Assert.Single(all!);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.OK), (read.StatusCode, unknown.StatusCode, gc.StatusCode));
        Assert.Equal(HttpStatusCode.Forbidden, gcByClass.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, gcRunByClass.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, classesByClass.StatusCode);
    }
}
