using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Scheduler.Domain.Tasks;
using Xunit;

namespace Scheduler.Agent.Tests.Api;

/// <summary>Submitting a task with <c>services:</c>: bad services get a 4xx naming the field, and nothing is queued.</summary>
public sealed class SubmitServicesTests : IAsyncLifetime
{
    private ApiTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Spec(string resourceClass, string services) => $"""
        resource_class: {resourceClass}
        image: alpine:3.20
        steps: [echo hi]
        services:
        {services}
        """;

    [Fact]
    public async Task A_task_with_services_is_queued_with_them()
    {
        var response = await PostAsync(Spec(ApiTestServer.SmallClass, """
              - name: db
                image: postgres:16
                env: { POSTGRES_PASSWORD: test }
                port: 5432
            """), ApiTestServer.SmallToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var service = Assert.Single(Assert.Single(_server.Jobs.Submitted).Services);
        Assert.Equal(new ServiceSpec("db", "postgres:16", null, new Dictionary<string, string> { ["POSTGRES_PASSWORD"] = "test" }, 5432), service);
    }

    [Theory]
    [InlineData("  - {name: db, image: 'postgres 16', port: 5432}", "services[0].image")]
    [InlineData("  - {name: db, image: postgres:16}\n  - {name: db, image: redis:7}", "services[1].name")]
    [InlineData("  - {name: db, image: postgres:16, port: 70000}", "services[0].port")]
    public async Task A_bad_image_a_duplicate_name_or_a_port_out_of_range_is_400_naming_the_field(string services, string field)
    {
        var response = await PostAsync(Spec(ApiTestServer.SmallClass, services), ApiTestServer.SmallToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ApiResponses.ErrorNamingAsync(response, field);
        Assert.Empty(_server.Jobs.Submitted);
    }

    [Fact]
    public async Task A_class_that_forbids_services_answers_422_naming_services()
    {
        var response = await PostAsync(Spec(ApiTestServer.NoServicesClass, "  - {name: db, image: postgres:16}"), ApiTestServer.NoServicesToken);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("allowServices = false", await ApiResponses.ErrorNamingAsync(response, "services"));
        Assert.Empty(_server.Jobs.Submitted);
    }

    [Fact]
    public async Task A_service_image_outside_the_class_allow_list_is_422_naming_it()
    {
        var response = await PostAsync(Spec(ApiTestServer.LockedClass, "  - {name: db, image: 'postgres:16'}"), ApiTestServer.LockedToken);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("allowedImages", await ApiResponses.ErrorNamingAsync(response, "services[0].image"));
        Assert.Empty(_server.Jobs.Submitted);
    }

    private Task<HttpResponseMessage> PostAsync(string body, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tasks") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/yaml");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _server.Client.SendAsync(request);
    }
}
