using System.Text;
using Scheduler.LocalKube.Kubelet;
using Xunit;

namespace Scheduler.LocalKube.Tests.Kubelet;

public class ContainerProcessTests
{
    private static ContainerProcess StartShell(string script) => ContainerProcess.Start(new ProcessSpec(
        "/bin/sh", ["-c", script], Path.GetTempPath(), new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }));

    [Fact]
    public async Task Stdin_written_after_the_process_exited_and_was_disposed_is_dropped_without_an_error()
    {
        // An attach's receive loop can still be writing stdin when the container exits and the kubelet disposes
        // its process; an exception here used to end that loop and cut the attach before its last output.
        var process = StartShell("exit 0");
        Assert.Equal(0, await process.WaitForExitAsync());
        process.Dispose();

        await process.WriteStdinAsync("late\n"u8.ToArray(), CancellationToken.None);
        await process.CloseStdinAsync();
    }

    [Fact]
    public async Task Stdin_reaches_the_process_and_its_output_is_pumped()
    {
        using var process = StartShell("read line; echo got:$line");
        var output = new StringBuilder();
        var pump = process.PumpOutputAsync((stream, data) =>
        {
            lock (output)
                output.Append(stream).Append(':').Append(Encoding.UTF8.GetString(data.Span));
            return ValueTask.CompletedTask;
        });

        await process.WriteStdinAsync("xyz\n"u8.ToArray(), CancellationToken.None);

        Assert.Equal(0, await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20)));
        await pump.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("stdout:got:xyz\n", output.ToString());
    }
}
