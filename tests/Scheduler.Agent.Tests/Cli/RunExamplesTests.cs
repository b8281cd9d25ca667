using Scheduler.Agent.Tests.Support;
using Scheduler.Cli.Commands;

namespace Scheduler.Agent.Tests.Cli;

/// <summary><c>sched run</c> end to end, in-process: embedded LocalKube, agent, API and live output.</summary>
public sealed class RunExamplesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sched-run-e2e-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Hello_prints_each_step_and_exits_0()
    {
        var (exitCode, output, _) = await RunAsync("hello.yaml");

        Assert.Equal(ExitCodes.Succeeded, exitCode);
        Assert.Contains("==> [1/3] greet", output);
        Assert.Contains("artifact built at step 2", output);
        Assert.Contains("<== [3/3] test: exit 0", output);
        Assert.Contains("succeeded", output);
    }

    [Fact]
    public async Task Attach_mode_prints_the_same_step_output_as_exec_mode()
    {
        var (execCode, exec, _) = await RunAsync("hello.yaml");
        var (attachCode, attach, _) = await RunAsync("attach.yaml");

        Assert.Equal(ExitCodes.Succeeded, attachCode);
        Assert.Equal(execCode, attachCode);
        Assert.Equal(StepLines(exec), StepLines(attach));
    }

    [Fact]
    public async Task A_failing_step_exits_1_naming_the_step_and_its_exit_code()
    {
        var (exitCode, output, _) = await RunAsync("failing.yaml");

        Assert.Equal(ExitCodes.StepFailed, exitCode);
        Assert.Contains("step 2 \"test\" exited with code 3", output);
    }

    [Fact]
    public async Task Service_waits_for_the_web_service_calls_it_and_prints_its_output_after_the_step()
    {
        var (exitCode, output, error) = await RunAsync("service.yaml");

        Assert.True(exitCode == ExitCodes.Succeeded, output + error);
        var step = output.IndexOf("hello from the web service", StringComparison.Ordinal);
        var service = output.IndexOf("==> service web (python:3.12-alpine)", StringComparison.Ordinal);
        Assert.True(step >= 0 && service > step, output);
        Assert.Contains("web: listening on 18080", output[service..]);
        Assert.Contains("\"GET / HTTP/1.1\" 200", output[service..]);
        Assert.Contains("<== service web: stopped with the pod", output);
    }

    [Fact]
    public async Task Ctrl_C_cancels_the_job_cleans_up_and_exits_5()
    {
        var spec = Path.Combine(_directory, "long.yaml");
        await File.WriteAllTextAsync(spec, "resource_class: local/small\nsteps:\n  - name: long\n    run: echo started; sleep 120\n");
        var output = new SignallingWriter("started");
        using var ctrlC = new CancellationTokenSource();
        _ = output.Seen.ContinueWith(_ => ctrlC.Cancel(), TaskScheduler.Default);

        var exitCode = await new RunCommandHandler(output, new StringWriter())
            .RunAsync(new RunSettings(new FileInfo(spec), Environment: new Dictionary<string, string>()), ctrlC.Token);

        Assert.Equal(ExitCodes.Cancelled, exitCode);
        Assert.Contains("cancelled", output.ToString());
        Assert.Single(output.ToString().Split('\n'), line => line == "started");
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string example)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await new RunCommandHandler(output, error).RunAsync(
            new RunSettings(new FileInfo(Examples.PathOf(example)), Environment: new Dictionary<string, string>()), CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string[] StepLines(string output) =>
        output.Split('\n').Where(line => !line.StartsWith("job ") && !line.Contains("submitted") && !line.Contains("duration")
            && !line.Contains("pod ") && !line.Contains("resource class")).ToArray();

    /// <summary>Completes <see cref="Seen"/> once the written text contains a marker (the test's Ctrl-C moment).</summary>
    private sealed class SignallingWriter(string marker) : StringWriter
    {
        private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Seen => _seen.Task;

        public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken ct = default)
        {
            var result = base.WriteAsync(buffer, ct);
            Check();
            return result;
        }

        public override Task WriteLineAsync(string? value)
        {
            var result = base.WriteLineAsync(value);
            Check();
            return result;
        }

        private void Check()
        {
            if (GetStringBuilder().ToString().Contains(marker))
                _seen.TrySetResult();
        }
    }
}
