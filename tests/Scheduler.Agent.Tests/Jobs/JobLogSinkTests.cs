using System.Text;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Logs;
using Scheduler.Kube.Steps;

namespace Scheduler.Agent.Tests.Jobs;

public sealed class JobLogSinkTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("log-sink-").FullName;
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

    [Fact]
    public async Task Many_small_chunks_are_stored_in_few_writes_in_order_with_secrets_masked()
    {
        var sink = await JobLogSink.OpenAsync(_store, "job-1", ["hunter2-secret"], long.MaxValue, CancellationToken.None);
        await sink.StepStartedAsync(0, "chatty", CancellationToken.None);
        var expected = new StringBuilder();
        for (var i = 0; i < 500; i++)
        {
            await sink.WriteAsync(OutputStream.Stdout, Encoding.UTF8.GetBytes($"line {i}\n"), CancellationToken.None);
            expected.Append($"line {i}\n");
        }

        // The secret arrives split across two chunks.
        await sink.WriteAsync(OutputStream.Stdout, Encoding.UTF8.GetBytes("token=hunter2"), CancellationToken.None);
        await sink.WriteAsync(OutputStream.Stdout, Encoding.UTF8.GetBytes("-secret\n"), CancellationToken.None);
        expected.Append("token=********\n");
        await sink.StepFinishedAsync(0, 0, CancellationToken.None);

        var chunks = await _store.ReadAsync("job-1", 0, 1 << 20);
        var text = Encoding.UTF8.GetString(chunks.SelectMany(c => c.Data.ToArray()).ToArray());
        Assert.Equal(expected.ToString(), text);
        Assert.True(chunks.Count < 50, $"{chunks.Count} writes for 502 chunks");
        var step = Assert.Single(await _store.StepsAsync("job-1"));
        Assert.Equal(text.Length, step.EndOffset);
    }

    [Fact]
    public async Task A_change_of_stream_keeps_the_order_of_stdout_and_stderr()
    {
        var sink = await JobLogSink.OpenAsync(_store, "job-2", [], long.MaxValue, CancellationToken.None);
        await sink.WriteAsync(OutputStream.Stdout, "out 1\n"u8.ToArray(), CancellationToken.None);
        await sink.WriteAsync(OutputStream.Stderr, "err 1\n"u8.ToArray(), CancellationToken.None);
        await sink.WriteAsync(OutputStream.Stdout, "out 2\n"u8.ToArray(), CancellationToken.None);
        await sink.StepFinishedAsync(0, 0, CancellationToken.None);

        var chunks = await _store.ReadAsync("job-2", 0, 1 << 20);

        Assert.Equal([LogStream.Stdout, LogStream.Stderr, LogStream.Stdout], chunks.Select(c => c.Stream));
        Assert.Equal("out 1\nerr 1\nout 2\n", Encoding.UTF8.GetString(chunks.SelectMany(c => c.Data.ToArray()).ToArray()));
    }
}
