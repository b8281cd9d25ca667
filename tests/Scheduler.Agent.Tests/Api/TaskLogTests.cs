using System.Net;
using System.Text;
using System.Text.Json;
using Scheduler.Agent.Api;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Logs;
using Xunit;

namespace Scheduler.Agent.Tests.Api;

public sealed class TaskLogTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private ApiTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_stored_log_is_returned_from_the_requested_offset_with_resume_headers()
    {
        var job = _server.Jobs.Add(JobStates.Running);
        await _server.Logs.AppendAsync(job.Id, LogStream.Stdout, Bytes("hello "));
        await _server.Logs.AppendAsync(job.Id, LogStream.Stderr, Bytes("world"));

        var response = await _server.Client.GetAsync($"/api/v1/tasks/{job.Id}/logs?offset=3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("lo world", await response.Content.ReadAsStringAsync());
        Assert.Equal("3", Header(response, TaskRoutes.LogOffsetHeader));
        Assert.Equal("false", Header(response, TaskRoutes.LogCompleteHeader));
    }

    [Fact]
    public async Task A_followed_log_sends_headers_at_once_streams_appends_and_ends_when_complete()
    {
        var job = _server.Jobs.Add(JobStates.Running);
        using var cts = new CancellationTokenSource(Timeout);

        using var response = await _server.Client.GetAsync(
            $"/api/v1/tasks/{job.Id}/logs?follow=true", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("0", Header(response, TaskRoutes.LogOffsetHeader));
        await using var body = await response.Content.ReadAsStreamAsync(cts.Token);

        await _server.Logs.AppendAsync(job.Id, LogStream.Stdout, Bytes("first\n"));
        Assert.Equal("first\n", await ReadAtLeastAsync(body, 6, cts.Token));
        await _server.Logs.AppendAsync(job.Id, LogStream.Stdout, Bytes("second\n"));
        await _server.Logs.CompleteAsync(job.Id);

        Assert.Equal("second\n", await new StreamReader(body).ReadToEndAsync(cts.Token));
    }

    [Fact]
    public async Task A_followed_event_stream_announces_a_step_that_has_printed_nothing_yet()
    {
        var job = _server.Jobs.Add(JobStates.Running);
        using var cts = new CancellationTokenSource(Timeout);
        using var response = await _server.Client.GetAsync(
            $"/api/v1/tasks/{job.Id}/logs/events?follow=true", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using var lines = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));

        await _server.Logs.MarkStepStartedAsync(job.Id, 0, "silent", cts.Token);
        var first = JsonSerializer.Deserialize<LogEvent>((await lines.ReadLineAsync(cts.Token))!, ApiJson.Options)!;

        Assert.Equal(LogEvent.Types.StepStarted, first.Type);
        Assert.Equal("silent", first.Name);
        Assert.False(await _server.Logs.IsCompleteAsync(job.Id, cts.Token));
        await _server.Logs.CompleteAsync(job.Id, cts.Token);
    }

    [Fact]
    public async Task The_event_stream_interleaves_step_boundaries_with_the_output()
    {
        var job = _server.Jobs.Add(JobStates.Running);
        await _server.Logs.MarkStepStartedAsync(job.Id, 0, "build");
        await _server.Logs.AppendAsync(job.Id, LogStream.Stdout, Bytes("compiling\n"));
        await _server.Logs.MarkStepFinishedAsync(job.Id, 0, 0);
        await _server.Logs.MarkStepStartedAsync(job.Id, 1, "test");
        await _server.Logs.AppendAsync(job.Id, LogStream.Stderr, Bytes("boom\n"));
        await _server.Logs.MarkStepFinishedAsync(job.Id, 1, 3);
        await _server.Logs.CompleteAsync(job.Id);

        var text = await _server.Client.GetStringAsync($"/api/v1/tasks/{job.Id}/logs/events?follow=true");

        var events = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<LogEvent>(line, ApiJson.Options)!)
            .Select(e => e.Type switch
            {
                LogEvent.Types.Output => $"{e.Stream}@{e.Offset}:{Encoding.UTF8.GetString(e.Data!)}",
                LogEvent.Types.StepFinished => $"{e.Type}@{e.Offset}:{e.Step}={e.ExitCode}",
                _ => $"{e.Type}@{e.Offset}:{e.Step}",
            });
        Assert.Equal(
            ["stepStarted@0:0", "stdout@0:compiling\n", "stepFinished@10:0=0", "stepStarted@10:1", "stderr@10:boom\n",
             "stepFinished@15:1=3", "end@15:"],
            events);
    }

    [Fact]
    public async Task Logs_of_an_unknown_job_are_a_json_404()
    {
        var response = await _server.Client.GetAsync("/api/v1/tasks/nope/logs");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await ApiResponses.ErrorNamingAsync(response, "id");
    }

    [Theory]
    [InlineData("offset=-1", "offset")]
    [InlineData("offset=abc", "offset")]
    [InlineData("offset=100", "offset")]
    [InlineData("follow=sometimes", "follow")]
    public async Task A_bad_log_query_is_400_naming_the_parameter(string query, string parameter)
    {
        var job = _server.Jobs.Add(JobStates.Running);
        await _server.Logs.AppendAsync(job.Id, LogStream.Stdout, Bytes("short"));

        var response = await _server.Client.GetAsync($"/api/v1/tasks/{job.Id}/logs?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ApiResponses.ErrorNamingAsync(response, parameter);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    private static async Task<string> ReadAtLeastAsync(Stream body, int count, CancellationToken ct)
    {
        var buffer = new byte[count];
        await body.ReadExactlyAsync(buffer, ct);
        return Encoding.UTF8.GetString(buffer);
    }
}
