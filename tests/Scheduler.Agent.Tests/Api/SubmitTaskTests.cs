using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Scheduler.Agent.Jobs;
using Xunit;

namespace Scheduler.Agent.Tests.Api;

public sealed class SubmitTaskTests : IAsyncLifetime
{
    private const string ValidYaml = """
        resource_class: test/small
        steps:
          - name: build
            run: echo hi
        """;

    private ApiTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_valid_yaml_spec_is_queued_and_answered_with_201_and_its_location()
    {
        var response = await PostAsync(ValidYaml, ApiTestServer.SmallToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var job = await ApiResponses.JobAsync(response);
        Assert.Equal(JobStates.Queued, job.State);
        Assert.Equal($"/api/v1/tasks/{job.Id}", response.Headers.Location?.OriginalString);
        var submitted = Assert.Single(_server.Jobs.Submitted);
        Assert.Equal("build", Assert.Single(submitted.Steps).Name);
    }

    [Fact]
    public async Task A_valid_json_spec_is_accepted()
    {
        const string json = """{"resource_class": "test/large", "steps": [{"name": "a", "run": "true"}]}""";

        var response = await PostAsync(json, ApiTestServer.LargeToken, "application/json; charset=utf-8");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("test/large", Assert.Single(_server.Jobs.Submitted).ResourceClass);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer two words")]
    public async Task A_missing_or_malformed_authorization_header_is_401(string? authorization)
    {
        var request = Request(ValidYaml, "application/yaml");
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var anonymous = _server.ClientWith(null);
        var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        await ApiResponses.ErrorNamingAsync(response, "Authorization");
        Assert.Empty(_server.Jobs.Submitted);
    }

    [Fact]
    public async Task An_unknown_token_is_401_without_looking_at_the_spec()
    {
        var response = await PostAsync("steps: [", "no-such-token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("the token is neither a resource class's nor the operator's", await ApiResponses.ErrorNamingAsync(response, "Authorization"));
        Assert.Empty(_server.Jobs.Submitted);
    }

    [Fact]
    public async Task The_operator_token_submits_to_any_class()
    {
        var response = await PostAsync(ValidYaml.Replace("test/small", "test/large"), Support.TestTokens.Operator);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("test/large", Assert.Single(_server.Jobs.Submitted).ResourceClass);
    }

    [Fact]
    public async Task The_token_of_another_resource_class_is_403()
    {
        var response = await PostAsync(ValidYaml, ApiTestServer.LargeToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = await ApiResponses.ErrorAsync(response);
        Assert.DoesNotContain("test/large", error.Error);
        Assert.Empty(_server.Jobs.Submitted);
    }

    [Fact]
    public async Task An_unknown_resource_class_is_422_naming_resource_class_for_the_operator_and_403_for_a_class_token()
    {
        var response = await PostAsync(ValidYaml.Replace("test/small", "test/huge"), Support.TestTokens.Operator);
        var asClass = await PostAsync(ValidYaml.Replace("test/small", "test/huge"), ApiTestServer.SmallToken);

        Assert.Equal(HttpStatusCode.Forbidden, asClass.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("test/huge", await ApiResponses.ErrorNamingAsync(response, "resource_class"));
        Assert.Empty(_server.Jobs.Submitted);
    }

    [Fact]
    public async Task An_invalid_spec_is_400_naming_every_bad_field()
    {
        const string yaml = """
            resource_class: test/small
            colour: blue
            steps:
              - name: ok
                run: echo ok
              - name: missing run
            """;

        var response = await PostAsync(yaml, ApiTestServer.SmallToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ApiResponses.ErrorAsync(response);
        Assert.Equal("invalid task spec", error.Error);
        Assert.Contains(error.Details!, d => d is { Path: "steps[1].run", Message: "required" });
        Assert.Contains(error.Details!, d => d.Path == "colour");
        Assert.Empty(_server.Jobs.Submitted);
    }

    [Fact]
    public async Task Malformed_yaml_is_400()
    {
        var response = await PostAsync("resource_class: [unclosed", ApiTestServer.SmallToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("malformed", await ApiResponses.ErrorNamingAsync(response, ""));
        Assert.Empty(_server.Jobs.Submitted);
    }

    [Fact]
    public async Task A_timeout_above_max_run_time_is_422_naming_timeout()
    {
        var response = await PostAsync(ValidYaml + "\ntimeout: 2h", ApiTestServer.SmallToken);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("maxRunTime", await ApiResponses.ErrorNamingAsync(response, "timeout"));
        Assert.Empty(_server.Jobs.Submitted);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var big = ValidYaml + "\n# " + new string('x', (int)ApiTestServer.MaxBodyBytes);

        var response = await PostAsync(big, ApiTestServer.SmallToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await ApiResponses.ErrorNamingAsync(response, "body");
        Assert.Empty(_server.Jobs.Submitted);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413()
    {
        var big = Encoding.UTF8.GetBytes(ValidYaml + "\n# " + new string('x', (int)ApiTestServer.MaxBodyBytes));
        var request = Request("", "application/yaml", ApiTestServer.SmallToken);
        request.Content = new StreamContent(new MemoryStream(big));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        request.Headers.TransferEncodingChunked = true;

        var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_server.Jobs.Submitted);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/yaml; charset=latin1")]
    public async Task An_unsupported_content_type_is_415(string contentType)
    {
        var response = await PostAsync(ValidYaml, ApiTestServer.SmallToken, contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await ApiResponses.ErrorNamingAsync(response, "Content-Type");
        Assert.Empty(_server.Jobs.Submitted);
    }

    [Theory]
    [InlineData("application/yaml")]
    [InlineData("text/yaml")]
    [InlineData("application/x-yaml")]
    public async Task Every_yaml_content_type_is_accepted(string contentType)
    {
        var response = await PostAsync(ValidYaml, ApiTestServer.SmallToken, contentType);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_failing_job_service_gives_a_json_500_and_the_server_keeps_serving()
    {
        _server.Jobs.FailSubmitWith = new InvalidOperationException("journal unavailable");

        var failed = await PostAsync(ValidYaml, ApiTestServer.SmallToken);
        _server.Jobs.FailSubmitWith = null;
        var next = await PostAsync(ValidYaml, ApiTestServer.SmallToken);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        var error = await ApiResponses.ErrorAsync(failed);
        Assert.DoesNotContain("journal", error.Error);
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
    }

    private Task<HttpResponseMessage> PostAsync(string body, string token, string contentType = "application/yaml") =>
        _server.Client.SendAsync(Request(body, contentType, token));

    private static HttpRequestMessage Request(string body, string contentType, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tasks")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
