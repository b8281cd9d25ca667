using System.Text;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Logs;
using Scheduler.Domain.Logs;
using Scheduler.Kube.Steps;

namespace Scheduler.Agent.Tests.Jobs;

/// <summary>The output limit in the log sink, on a real SQLite log store: the cut, the marker, and resuming past dropped bytes.</summary>
public sealed class JobLogSinkOutputLimitTests : IAsyncLifetime
{
    private const int Limit = 1000;
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _directory = Directory.CreateTempSubdirectory("log-limit-").FullName;
    private SqliteJobLogStore _store = null!;

    public Task InitializeAsync()
    {
        _store = new SqliteJobLogStore($"Data Source={Path.Combine(_directory, "logs.db")}");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<string> LogAsync(string job) =>
        Encoding.UTF8.GetString((await _store.ReadAsync(job, 0, 1 << 20)).SelectMany(c => c.Data.ToArray()).ToArray());

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;

    [Fact]
    public async Task Output_past_the_limit_is_cut_with_one_marker_and_followers_resume_past_the_dropped_bytes()
    {
        var sink = await JobLogSink.OpenAsync(_store, "job-1", ["hunter2-secret"], Limit, None);
        await sink.StepStartedAsync(0, "loud", None);
        var line = Encoding.UTF8.GetBytes("token=hunter2-secret and more text\n"); // 35 bytes, 29 once masked
        for (var i = 0; i < 100; i++)
            await sink.WriteAsync(OutputStream.Stdout, line, None);
        await sink.WriteAsync(OutputStream.Stderr, "late error\n"u8.ToArray(), None);
        await sink.StepFinishedAsync(0, 7, None);

        var log = await LogAsync("job-1");
        var marker = OutputLimitMarker.Line(Limit, atLineStart: false);
        Assert.Equal(1, Count(log, OutputLimitMarker.Prefix));
        Assert.EndsWith(marker, log);
        Assert.Equal(Limit + Encoding.UTF8.GetByteCount(marker), Encoding.UTF8.GetByteCount(log));
        Assert.DoesNotContain("hunter2", log);
        Assert.DoesNotContain("late error", log);
        Assert.Equal((100L * line.Length, 11L), await _store.StepStreamEndsAsync("job-1", 0));
        Assert.True(await _store.IsTruncatedAsync("job-1"));
        Assert.Equal(7, Assert.Single(await _store.StepsAsync("job-1")).ExitCode);

        // A new owner (a restart) resumes the step where the dropped bytes end, and writes no second marker.
        var resumed = await JobLogSink.OpenAsync(_store, "job-1", [], Limit, None);
        var offsets = await resumed.StepStartedAsync(0, "loud", None);
        Assert.Equal((100L * line.Length, 11L), (offsets.Stdout, offsets.Stderr));
        await resumed.WriteAsync(OutputStream.Stdout, "even later\n"u8.ToArray(), None);
        await resumed.StepFinishedAsync(0, 7, None);
        Assert.Equal(log, await LogAsync("job-1"));
    }

    [Fact]
    public async Task Output_within_the_limit_is_kept_whole_and_not_truncated()
    {
        var sink = await JobLogSink.OpenAsync(_store, "job-2", [], Limit, None);
        await sink.StepStartedAsync(0, "quiet", None);
        await sink.WriteAsync(OutputStream.Stdout, new byte[Limit], None);
        await sink.StepFinishedAsync(0, 0, None);

        Assert.Equal(Limit, await _store.LengthAsync("job-2"));
        Assert.False(await _store.IsTruncatedAsync("job-2"));
    }
}
