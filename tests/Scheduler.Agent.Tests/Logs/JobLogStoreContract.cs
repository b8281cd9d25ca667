using System.Text;
using Scheduler.Agent.Logs;

namespace Scheduler.Agent.Tests.Logs;

/// <summary>The behaviour every <see cref="IJobLogStore"/> must show; each database runs these tests.</summary>
public abstract class JobLogStoreContract : IAsyncLifetime
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    protected SqlJobLogStore Store { get; private set; } = null!;

    protected abstract Task<SqlJobLogStore> CreateStoreAsync();

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual async Task DisposeAsync() => await Store.DisposeAsync();

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(IEnumerable<LogChunk> chunks) => string.Concat(chunks.Select(c => Encoding.UTF8.GetString(c.Data.Span)));

    [Fact]
    public async Task Appends_get_consecutive_offsets_across_streams()
    {
        var first = await Store.AppendAsync("job-a", 0, LogStream.Stdout, Bytes("hello "));
        var second = await Store.AppendAsync("job-a", LogStream.Stderr, Bytes("oops\n"));
        await Store.AppendAsync("job-other", LogStream.Stdout, Bytes("elsewhere"));

        Assert.Equal(new LogAppendResult(0, 6, true), first);
        Assert.Equal(new LogAppendResult(6, 11, true), second);
        Assert.Equal(11, await Store.LengthAsync("job-a"));
        var chunks = await Store.ReadAsync("job-a", 0, 1000);
        Assert.Equal([(0L, LogStream.Stdout), (6L, LogStream.Stderr)], chunks.Select(c => (c.Offset, c.Stream)));
        Assert.Equal("hello oops\n", Text(chunks));
        Assert.Equal(0, await Store.LengthAsync("job-unknown"));
    }

    [Fact]
    public async Task A_replayed_append_is_ignored_and_an_overlapping_one_stores_only_its_tail()
    {
        await Store.AppendAsync("job-r", 0, LogStream.Stdout, Bytes("abc"));

        var replay = await Store.AppendAsync("job-r", 0, LogStream.Stdout, Bytes("abc"));
        var overlapping = await Store.AppendAsync("job-r", 1, LogStream.Stdout, Bytes("bcdef"));

        Assert.False(replay.Stored);
        Assert.True(overlapping.Stored);
        Assert.Equal("abcdef", Text(await Store.ReadAsync("job-r", 0, 100)));
        Assert.Equal(6, await Store.LengthAsync("job-r"));
    }

    [Fact]
    public async Task An_append_past_the_end_is_refused()
    {
        await Store.AppendAsync("job-g", 0, LogStream.Stdout, Bytes("abc"));

        var gap = await Assert.ThrowsAsync<LogGapException>(() => Store.AppendAsync("job-g", 5, LogStream.Stdout, Bytes("x")));

        Assert.Equal(3, gap.Length);
        Assert.Equal(3, await Store.LengthAsync("job-g"));
    }

    [Fact]
    public async Task Reads_start_mid_chunk_and_stop_at_max_bytes()
    {
        await Store.AppendAsync("job-m", LogStream.Stdout, Bytes("0123"));
        await Store.AppendAsync("job-m", LogStream.Stderr, Bytes("4567"));
        await Store.AppendAsync("job-m", LogStream.Stdout, Bytes("89"));

        var chunks = await Store.ReadAsync("job-m", 2, 5);

        Assert.Equal([(2L, 4L), (4L, 7L)], chunks.Select(c => (c.Offset, c.EndOffset)));
        Assert.Equal("23456", Text(chunks));
        Assert.Empty(await Store.ReadAsync("job-m", 10, 5));
    }

    [Fact]
    public async Task Step_boundaries_record_offsets_and_exit_codes_once()
    {
        await Store.MarkStepStartedAsync("job-s", 0, "build");
        await Store.AppendAsync("job-s", LogStream.Stdout, Bytes("compiling\n"));
        await Store.MarkStepFinishedAsync("job-s", 0, 0);
        await Store.MarkStepStartedAsync("job-s", 1, "test");
        await Store.AppendAsync("job-s", LogStream.Stderr, Bytes("1 failed\n"));
        await Store.MarkStepFinishedAsync("job-s", 1, 3);
        await Store.MarkStepStartedAsync("job-s", 1, "test");
        await Store.MarkStepFinishedAsync("job-s", 1, 99);
        await Store.MarkStepStartedAsync("job-s", 2, "deploy");

        Assert.Equal(
            [new LogStep(0, "build", 0, 10, 0), new LogStep(1, "test", 10, 19, 3), new LogStep(2, "deploy", 19, null, null)],
            await Store.StepsAsync("job-s"));
    }

    [Fact]
    public async Task Every_kind_of_change_wakes_a_waiter_that_was_waiting_before_it()
    {
        var appended = Store.ChangedAsync("job-w");
        Assert.False(appended.IsCompleted);
        await Store.AppendAsync("job-w", LogStream.Stdout, Bytes("one\n"));
        await appended.WaitAsync(Timeout);

        var started = Store.ChangedAsync("job-w");
        await Store.MarkStepStartedAsync("job-w", 0, "only");
        await started.WaitAsync(Timeout);

        var finished = Store.ChangedAsync("job-w");
        await Store.MarkStepFinishedAsync("job-w", 0, 0);
        await finished.WaitAsync(Timeout);

        var completed = Store.ChangedAsync("job-w");
        await Store.CompleteAsync("job-w");
        await completed.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Concurrent_appends_leave_no_gap_and_no_duplicate()
    {
        var appends = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => Store.AppendAsync("job-p", LogStream.Stdout, Bytes($"line {i:00}\n")))));

        var chunks = await Store.ReadAsync("job-p", 0, 10_000);
        Assert.Equal(20 * 8, await Store.LengthAsync("job-p"));
        Assert.Equal(appends.Select(a => a.Offset).Order(), chunks.Select(c => c.Offset));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"line {i:00}").Order(), Text(chunks).Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }
}
