using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Kubelet;

/// <summary>The kubelet behind the real LocalKube API server, driven by the real kubectl 1.32.</summary>
public class KubectlKubeletTests(LocalKubeFixture fixture) : IClassFixture<LocalKubeFixture>
{
    private Kubectl Kubectl => fixture.Kubectl;

    private async Task<string> ApplyPodAsync(string prefix, string script, string extraSpec = "")
    {
        var name = Kubelet.Support.Pods.UniqueName(prefix);
        var manifest = $$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: {{name}}
            spec:
              restartPolicy: Never
              {{extraSpec}}
              containers:
              - name: main
                image: busybox:1.36
                command: ["sh", "-c", "{{script}}"]
            """;
        var applied = await Kubectl.RunAsync(["apply", "-f", "-"], manifest, null);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        return name;
    }

    [Fact]
    public async Task Wait_for_Ready_then_exec_returns_the_commands_exit_code()
    {
        var name = await ApplyPodAsync("kexec", "sleep 300");

        var wait = await Kubectl.RunAsync("wait", "--for=condition=Ready", $"pod/{name}", "--timeout=20s");
        Assert.True(wait.ExitCode == 0, wait.ToString());

        var exit3 = await Kubectl.RunAsync("exec", name, "--", "sh", "-c", "exit 3");
        Assert.True(exit3.ExitCode == 3, exit3.ToString());
        var echo = await Kubectl.RunAsync("exec", name, "--", "echo", "from exec");
        Assert.Equal((0, "from exec\n"), (echo.ExitCode, echo.Stdout));
    }

    [Fact]
    public async Task Exec_with_stdin_sends_end_of_file()
    {
        var name = await ApplyPodAsync("kstdin", "sleep 300");
        await Kubectl.RunAsync("wait", "--for=condition=Ready", $"pod/{name}", "--timeout=20s");

        var result = await Kubectl.RunAsync(["exec", "-i", name, "--", "wc", "-l"], "a\nb\nc\n", null);

        Assert.Equal((0, "3"), (result.ExitCode, result.Stdout.Trim()));
    }

    [Fact]
    public async Task Logs_follow_ends_when_the_container_exits()
    {
        var name = await ApplyPodAsync("klogs", "for i in 1 2 3; do echo line$i; sleep 0.2; done");
        await Kubectl.RunAsync("wait", "--for=condition=Ready", $"pod/{name}", "--timeout=20s");

        await using var logs = Kubectl.Start("logs", "-f", name);

        await logs.WaitForLineAsync(l => l == "line3");
        Assert.Equal(0, await logs.WaitForExitAsync());
        Assert.Equal(["line1", "line2", "line3"], logs.Lines);
    }

    [Fact]
    public async Task Kubectl_run_of_a_failing_command_restarts_it_in_CrashLoopBackOff()
    {
        var name = Kubelet.Support.Pods.UniqueName("krestart");
        var run = await Kubectl.RunAsync("run", name, "--image=busybox", "--command", "--", "false");
        Assert.True(run.ExitCode == 0, run.ToString());

        var pod = await Eventually.UntilAsync(async () => (await Kubectl.RunAsync("get", "pod", name, "-o", "json")).Stdout,
            json => json.Contains("\"reason\": \"CrashLoopBackOff\""), "the pod to back off");

        var status = System.Text.Json.JsonDocument.Parse(pod).RootElement.GetProperty("status");
        Assert.Equal("Running", status.GetProperty("phase").GetString());
        var container = status.GetProperty("containerStatuses")[0];
        Assert.True(container.GetProperty("restartCount").GetInt32() >= 1, pod);
        Assert.Equal(1, container.GetProperty("lastState").GetProperty("terminated").GetProperty("exitCode").GetInt32());
        var delete = await Kubectl.RunAsync("delete", "pod", name, "--wait=true");
        Assert.True(delete.ExitCode == 0, delete.ToString());
    }
}
