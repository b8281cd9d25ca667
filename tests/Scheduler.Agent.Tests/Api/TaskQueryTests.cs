using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Scheduler.Agent.Api;
using Scheduler.Agent.Jobs;
using Xunit;

namespace Scheduler.Agent.Tests.Api;

public sealed class TaskQueryTests : IAsyncLifetime
{
    private ApiTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_known_job_is_returned_as_camel_case_json()
    {
        var job = _server.Jobs.Add(JobStates.Running);

        var response = await _server.Client.GetAsync($"/api/v1/tasks/{job.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(job.Id, body.RootElement.GetProperty("id").GetString());
        Assert.Equal("running", body.RootElement.GetProperty("state").GetString());
        Assert.Equal(ApiTestServer.SmallClass, body.RootElement.GetProperty("resourceClass").GetString());
    }

    [Fact]
    public async Task An_unknown_job_is_a_json_404_naming_the_id()
    {
        var response = await _server.Client.GetAsync("/api/v1/tasks/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("nope", await ApiResponses.ErrorNamingAsync(response, "id"));
    }

    [Fact]
    public async Task The_list_passes_its_filters_to_the_job_service()
    {
        _server.Jobs.Add(JobStates.Running, ApiTestServer.LargeClass);
        _server.Jobs.Add(JobStates.Queued, ApiTestServer.LargeClass);
        _server.Jobs.Add(JobStates.Running, ApiTestServer.SmallClass);

        var jobs = await _server.Client.GetFromJsonAsync<List<JobView>>(
            "/api/v1/tasks?state=running&resourceClass=test%2Flarge&limit=5", ApiJson.Options);

        var job = Assert.Single(jobs!);
        Assert.Equal((JobStates.Running, ApiTestServer.LargeClass), (job.State, job.ResourceClass));
        Assert.Equal(new JobQuery(JobStates.Running, ApiTestServer.LargeClass, 5), Assert.Single(_server.Jobs.Queries));
    }

    [Fact]
    public async Task An_unknown_state_filter_is_400_naming_it()
    {
        var response = await _server.Client.GetAsync("/api/v1/tasks?state=exploded");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("exploded", await ApiResponses.ErrorNamingAsync(response, "state"));
        Assert.Empty(_server.Jobs.Queries);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("many")]
    [InlineData("100000")]
    public async Task A_bad_limit_is_400_naming_it(string limit)
    {
        var response = await _server.Client.GetAsync($"/api/v1/tasks?limit={limit}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ApiResponses.ErrorNamingAsync(response, "limit");
    }

    [Fact]
    public async Task Cancelling_a_running_job_is_202_with_the_job()
    {
        var job = _server.Jobs.Add(JobStates.Running);

        var response = await _server.Client.PostAsync($"/api/v1/tasks/{job.Id}/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(JobStates.Cancelled, (await ApiResponses.JobAsync(response)).State);
    }

    [Fact]
    public async Task Cancelling_a_finished_job_is_409()
    {
        var job = _server.Jobs.Add(JobStates.Succeeded);

        var response = await _server.Client.PostAsync($"/api/v1/tasks/{job.Id}/cancel", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("succeeded", await ApiResponses.ErrorNamingAsync(response, "state"));
        Assert.Equal(JobStates.Succeeded, (await _server.Jobs.GetAsync(job.Id, default))!.State);
    }

    [Fact]
    public async Task Cancelling_an_unknown_job_is_404()
    {
        var response = await _server.Client.PostAsync("/api/v1/tasks/nope/cancel", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await ApiResponses.ErrorNamingAsync(response, "id");
    }
}
