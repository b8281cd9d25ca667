using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Scheduler.Domain.Tasks;
using Xunit;

namespace Scheduler.Agent.Tests.Api;

/// <summary>A class's image and pull-policy allow-lists, and the step and script bounds: 4xx naming the field, nothing stored.</summary>
public sealed class SubmitLimitsTests : IAsyncLifetime
{
    private ApiTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("alpine:3.20")]
    [InlineData("registry.example.com/ci/team/node:20")]
    public async Task An_allowed_image_is_queued(string image)
    {
        var response = await PostAsync($"resource_class: {ApiTestServer.LockedClass}\nimage: {image}\nsteps: [echo hi]\n");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task An_image_outside_the_allow_list_is_422_naming_the_patterns()
    {
        var response = await PostAsync($"resource_class: {ApiTestServer.LockedClass}\nimage: evil/miner:1\nsteps: [echo hi]\n");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var message = await ApiResponses.ErrorNamingAsync(response, "image");
        Assert.Contains("evil/miner:1", message);
        Assert.Contains("alpine:*, registry.example.com/ci/**", message);
        Assert.Empty(_server.Jobs.Submitted);
    }

    [Fact]
    public async Task The_class_default_image_is_checked_too()
    {
        var response = await PostAsync($"resource_class: {ApiTestServer.LockedClass}\nsteps: [echo hi]\n");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("busybox:1.36", await ApiResponses.ErrorNamingAsync(response, "image"));
        Assert.Empty(_server.Jobs.Submitted);
    }

    [Fact]
    public async Task An_image_that_would_be_pulled_Always_is_422_naming_the_allowed_pull_policies()
    {
        var response = await PostAsync($"resource_class: {ApiTestServer.LockedClass}\nimage: alpine:latest\nsteps: [echo hi]\n");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var message = await ApiResponses.ErrorNamingAsync(response, "image");
        Assert.Contains("policy Always", message);
        Assert.Contains("allowedPullPolicies: IfNotPresent", message);
        Assert.Empty(_server.Jobs.Submitted);
    }

    [Fact]
    public async Task Too_many_steps_are_400_naming_steps_and_the_bound()
    {
        var steps = string.Concat(Enumerable.Range(0, TaskSpecParser.MaxSteps + 1).Select(i => $"  - echo {i}\n"));

        var response = await PostAsync($"resource_class: {ApiTestServer.SmallClass}\nsteps:\n{steps}", ApiTestServer.SmallToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"at most {TaskSpecParser.MaxSteps} steps, got {TaskSpecParser.MaxSteps + 1}", await ApiResponses.ErrorNamingAsync(response, "steps"));
        Assert.Empty(_server.Jobs.Submitted);
    }

    private Task<HttpResponseMessage> PostAsync(string yaml, string token = ApiTestServer.LockedToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tasks") { Content = new StringContent(yaml, Encoding.UTF8, "application/yaml") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _server.Client.SendAsync(request);
    }
}
