using System.Collections;
using System.Net;
using System.Security.Cryptography;
using Npgsql;
using Scheduler.Agent.Tests.Api;
using Scheduler.Agent.Tests.Support;
using Scheduler.LocalKube;
using Scheduler.Tests.Shared;

namespace Scheduler.Agent.Tests.Hosting;

/// <summary>
/// <c>/readyz</c> follows the database: an agent on its own PostgreSQL server answers 503 naming the database check
/// while the server is stopped, and 200 again once it is back; <c>/healthz</c> (the actor system) stays 200.
/// </summary>
public sealed class DatabaseReadinessTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(2);
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("sched-readyz-");
    private ThrowawayPostgres _postgres = null!;
    private LocalKubeServer _kube = null!;
    private AgentHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _postgres = await ThrowawayPostgres.StartAsync();
        _kube = await LocalKubeServer.StartAsync(new LocalKubeOptions());
        _host = await AgentHost.StartAsync(new AgentHostSettings
        {
            DataDirectory = _data.FullName,
            Kube = _kube.ClientConfiguration(),
            ApiUrl = "http://127.0.0.1:0",
            ConsoleListen = "127.0.0.1:0",
            Environment = TestTokens.WithOperator(new Hashtable
            {
                ["SCHED_POSTGRES"] = await _postgres.CreateDatabaseAsync("readyz"),
                ["SCHED_SECRETS_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            }),
        });
        _client = TestTokens.Client(_host.ApiBaseUri, token: null);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _kube.DisposeAsync();
        await _postgres.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }

    [Fact]
    public async Task Readyz_is_503_naming_the_database_while_PostgreSQL_is_down_and_200_once_it_is_back()
    {
        await Eventually.UntilAsync(() => StatusAsync("/readyz"), s => s == HttpStatusCode.OK, "/readyz 200 at start", Wait);

        await _postgres.StopAsync();
        await Eventually.UntilAsync(() => StatusAsync("/readyz"), s => s == HttpStatusCode.ServiceUnavailable, "/readyz 503 with PostgreSQL stopped", Wait);
        using var notReady = await _client.GetAsync("/readyz");
        var message = await ApiResponses.ErrorNamingAsync(notReady, "database");
        Assert.Contains("PostgreSQL database does not answer", message);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/healthz"));

        await _postgres.RestartAsync();
        await Eventually.UntilAsync(() => StatusAsync("/readyz"), s => s == HttpStatusCode.OK, "/readyz 200 with PostgreSQL back", Wait);
    }

    private async Task<HttpStatusCode> StatusAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        return response.StatusCode;
    }
}
