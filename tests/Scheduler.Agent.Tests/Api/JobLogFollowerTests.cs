using System.Text;
using Microsoft.Data.Sqlite;
using Scheduler.Agent.Api;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Logs;

namespace Scheduler.Agent.Tests.Api;

/// <summary>The follow loop behind both log endpoints, over a real SQLite log store.</summary>
public sealed class JobLogFollowerTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sched-follow-");
    private readonly InMemoryJobService _jobs = new();
    private SqliteJobLogStore _logs = null!;

    public Task InitializeAsync()
    {
        _logs = new SqliteJobLogStore($"Data Source={Path.Combine(_directory.FullName, "logs.db")}");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _logs.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Following_yields_the_stored_then_the_live_output_and_ends_when_the_log_is_complete()
    {
        var job = _jobs.Add(JobStates.Running);
        await _logs.MarkStepStartedAsync(job.Id, 0, "only");
        await _logs.AppendAsync(job.Id, LogStream.Stdout, Bytes("one\n"));
        var received = new List<LogEvent>();
        var firstOutput = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var follow = Task.Run(async () =>
        {
            await foreach (var logEvent in Follower().ReadAsync(job.Id, 0, follow: true, CancellationToken.None))
            {
                received.Add(logEvent);
                if (logEvent.Type == LogEvent.Types.Output)
                    firstOutput.TrySetResult();
            }
        });
        await firstOutput.Task.WaitAsync(Timeout);
        await _logs.AppendAsync(job.Id, LogStream.Stderr, Bytes("two\n"));
        await _logs.AppendAsync(job.Id, LogStream.Stdout, Bytes("three\n"));
        await _logs.MarkStepFinishedAsync(job.Id, 0, 0);
        await _logs.CompleteAsync(job.Id);
        await follow.WaitAsync(Timeout);

        Assert.Equal("one\ntwo\nthree\n", Output(received));
        Assert.Equal([LogEvent.Types.StepStarted, LogEvent.Types.StepFinished, LogEvent.Types.End],
            received.Where(e => e.Type != LogEvent.Types.Output).Select(e => e.Type));
        Assert.Equal(14, received[^1].Offset);
    }

    [Fact]
    public async Task Following_a_completed_log_from_an_offset_returns_the_rest_and_the_end()
    {
        var job = _jobs.Add(JobStates.Succeeded);
        await _logs.AppendAsync(job.Id, LogStream.Stdout, Bytes("abcdef"));
        await _logs.CompleteAsync(job.Id);

        var events = await ReadAllAsync(job.Id, 4, follow: true);

        Assert.Equal("ef", Output(events));
        Assert.Equal(new LogEvent(LogEvent.Types.End, 6), events[^1]);
    }

    [Fact]
    public async Task Without_follow_it_returns_what_is_stored_and_no_end_while_the_log_is_open()
    {
        var job = _jobs.Add(JobStates.Running);
        await _logs.AppendAsync(job.Id, LogStream.Stdout, Bytes("so far"));

        var events = await ReadAllAsync(job.Id, 0, follow: false);

        Assert.Equal("so far", Output(events));
        Assert.DoesNotContain(events, e => e.Type == LogEvent.Types.End);
    }

    [Fact]
    public async Task A_follow_ends_once_the_job_has_ended_even_if_its_log_is_never_completed()
    {
        var job = _jobs.Add(JobStates.Running);
        await _logs.AppendAsync(job.Id, LogStream.Stdout, Bytes("before\n"));
        var received = new List<LogEvent>();
        var afterSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var follow = Task.Run(async () =>
        {
            await foreach (var logEvent in Follower(unclosedLogGrace: TimeSpan.Zero).ReadAsync(job.Id, 0, follow: true, CancellationToken.None))
            {
                received.Add(logEvent);
                if (logEvent.Offset == 7)
                    afterSeen.TrySetResult();
            }
        });

        // While the job runs, the follow goes on: it still receives what comes next.
        await _logs.AppendAsync(job.Id, LogStream.Stdout, Bytes("after\n"));
        await afterSeen.Task.WaitAsync(Timeout);
        Assert.False(follow.IsCompleted);
        _jobs.Replace(job with { State = JobStates.Failed });
        await follow.WaitAsync(Timeout);

        Assert.Equal("before\nafter\n", Output(received));
        Assert.Equal(new LogEvent(LogEvent.Types.End, 13), received[^1]);
        Assert.False(await _logs.IsCompleteAsync(job.Id));
    }

    private JobLogFollower Follower(TimeSpan? unclosedLogGrace = null) => new(_logs, _jobs, unclosedLogGrace);

    private async Task<List<LogEvent>> ReadAllAsync(string jobId, long offset, bool follow)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var events = new List<LogEvent>();
        await foreach (var logEvent in Follower().ReadAsync(jobId, offset, follow, cts.Token))
            events.Add(logEvent);
        return events;
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Output(IEnumerable<LogEvent> events) =>
        string.Concat(events.Where(e => e.Type == LogEvent.Types.Output).Select(e => Encoding.UTF8.GetString(e.Data!)));
}
