using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Scheduler.Agent.Api;
using Scheduler.Agent.Tests.EndToEnd;
using Scheduler.Agent.Tests.Support;

namespace Scheduler.Agent.Tests.Logging;

/// <summary>
/// A real <c>sched agent</c> process runs a job with a secret and stops on SIGTERM: everything it printed, start-up to
/// exit, is one JSON object per line; the lines about the job carry its id as <c>JobId</c>; the secret is nowhere.
/// </summary>
public sealed class AgentJsonLogTests : IAsyncLifetime
{
    private const string SecretValue = "json-log-s3cr3t";

    private readonly AgentProcessOnLocalKube _local = new();
    private AgentProcess _agent = null!;

    public async Task InitializeAsync()
    {
        await _local.InitializeAsync();
        _agent = _local.Agent;
    }

    public Task DisposeAsync() => _local.DisposeAsync();

    [Fact]
    public async Task Every_line_is_a_json_event_and_the_jobs_lines_carry_its_id()
    {
        var id = await SubmitAsync($"""
            resource_class: test/single
            secrets:
              API_TOKEN: {SecretValue}
            steps:
              - name: use the token
                run: test -n "$API_TOKEN" && echo used
            """);
        try
        {
            await Eventually.UntilAsync(
                () => Events().Any(e => JobIdOf(e) == id && Message(e) == $"job {id}: ResourcesCleanedUp"),
                "the job's last event, cleanup, to be logged");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nthe agent's output ends with:\n{_agent.OutputTail(4000)}", e);
        }

        Assert.True(PosixSignals.Send(_agent.Pid, PosixSignals.SigTerm));
        Assert.Equal(0, await _agent.ExitCodeAsync(TimeSpan.FromSeconds(60)));

        var lines = _agent.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var events = lines.Select(Parse).ToArray();
        Assert.All(events, e => Assert.True(e.TryGetProperty("@t", out _) && e.TryGetProperty("@m", out _), e.ToString()));
        Assert.Contains(events, e => Message(e).StartsWith("agent ", StringComparison.Ordinal) && e.TryGetProperty("ApiUrl", out _));
        Assert.Contains(events, e => Message(e) == "stopping the agent...");

        // Ours, and Akka.NET's from the job's actor; the sharding machinery names shards after jobs too, but logs only warnings.
        var aboutTheJob = events.Where(e => Message(e).Contains(id, StringComparison.Ordinal) || ActorPathOf(e).EndsWith($"/{id}", StringComparison.Ordinal)).ToArray();
        Assert.All(aboutTheJob, e => Assert.Equal(id, JobIdOf(e)));
        Assert.Subset(
            aboutTheJob.Select(Message).ToHashSet(),
            new[] { "JobClaimed", "PodCreated", "PodRunning", "StepStarted", "StepFinished", "JobSucceeded", "ResourcesCleanedUp" }
                .Select(name => $"job {id}: {name}").ToHashSet());
        Assert.DoesNotContain(SecretValue, _agent.Output);
    }

    private IEnumerable<JsonElement> Events() =>
        _agent.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{')).Select(Parse);

    private static JsonElement Parse(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
            return json.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"not a JSON log line ({e.Message}): {line}");
        }
    }

    private static string Message(JsonElement e) => e.GetProperty("@m").GetString()!;

    private static string ActorPathOf(JsonElement e) => e.TryGetProperty("ActorPath", out var path) ? path.GetString() ?? "" : "";

    private static string? JobIdOf(JsonElement e) => e.TryGetProperty("JobId", out var id) ? id.GetString() : null;

    private async Task<string> SubmitAsync(string yaml)
    {
        using var http = TestTokens.Client(_agent.ApiBaseUri, "single-token");
        using var content = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        using var response = await http.PostAsync(TaskRoutes.Tasks, content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }
}
