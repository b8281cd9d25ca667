using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Data.Sqlite;
using Scheduler.LocalKube;
using Scheduler.Agent.Tests.Support;
using Xunit;

namespace Scheduler.Agent.Tests.Api;

/// <summary>The API as the real <see cref="AgentHost"/> serves it (actors, SQLite, LocalKube): rejections store nothing.</summary>
public sealed class RealHostApiTests : IAsyncLifetime
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("sched-api-host-");
    private LocalKubeServer _kube = null!;
    private AgentHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _kube = await LocalKubeServer.StartAsync(new LocalKubeOptions());
        _host = await AgentHost.StartAsync(new AgentHostSettings
        {
            DataDirectory = _data.FullName,
            Kube = _kube.ClientConfiguration(),
            ApiUrl = "http://127.0.0.1:0",
            ConsoleListen = "127.0.0.1:0",
            Environment = TestTokens.WithOperator(null),
        });
        _client = TestTokens.Client(_host.ApiBaseUri);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _kube.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }

    [Fact]
    public async Task Rejected_submissions_leave_no_job_and_the_agent_keeps_serving()
    {
        var invalid = await PostAsync("resource_class: local/small\nsteps:\n  - name: x\n", "local-small-token");
        var wrongToken = await PostAsync("resource_class: local/small\nsteps: [echo hi]\n", "local-attach-token");
        var listed = await _client.GetStringAsync("/api/v1/tasks");
        var health = await _client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("required", await ApiResponses.ErrorNamingAsync(invalid, "steps[0].run"));
        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        Assert.Equal("[]", listed);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task An_accepted_task_is_readable_at_its_location()
    {
        var created = await PostAsync("resource_class: local/small\nsteps: [echo hi]\n", "local-small-token");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var job = await ApiResponses.JobAsync(created);
        var fetched = await _client.GetAsync(created.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(job.Id, (await ApiResponses.JobAsync(fetched)).Id);
    }

    private Task<HttpResponseMessage> PostAsync(string yaml, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tasks")
        {
            Content = new StringContent(yaml, Encoding.UTF8, "application/yaml"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _client.SendAsync(request);
    }
}
