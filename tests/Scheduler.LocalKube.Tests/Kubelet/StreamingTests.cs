using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.RegularExpressions;
using k8s;
using k8s.Autorest;
using Scheduler.LocalKube.Tests.Kubelet.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Kubelet;

public class StreamingTests(KubeletHostFixture fixture) : IClassFixture<KubeletHostFixture>
{
    private KubeletHost Host => fixture.Host;

    private async Task<string> RunningPodAsync(string prefix, string script = "sleep 300", Action<k8s.Models.V1Container>? configure = null)
    {
        var name = Host.Run(Pods.Shell(Pods.UniqueName(prefix), script, configure));
        await Host.Cluster.WaitForPodAsync(name, p => p.IsRunning(), "running");
        return name;
    }

    private async Task<(int ExitCode, string Stdout)> ExecAsync(string pod, params string[] command)
    {
        var stdout = "";
        var code = await Host.CreateClient().NamespacedPodExecAsync(pod, "default", "main", command, false,
            async (_, output, _) => stdout = await new StreamReader(output).ReadToEndAsync(), CancellationToken.None);
        return (code, stdout);
    }

    [Fact]
    public async Task Exec_returns_the_exit_code_from_the_status_channel()
    {
        var pod = await RunningPodAsync("exec");

        Assert.Equal((3, ""), await ExecAsync(pod, "sh", "-c", "exit 3"));
        Assert.Equal((0, "hi\n"), await ExecAsync(pod, "echo", "hi"));
    }

    [Fact]
    public async Task Files_written_by_one_exec_are_seen_by_the_next()
    {
        var pod = await RunningPodAsync("files", configure: c => c.WorkingDir = "/workspace");

        await ExecAsync(pod, "sh", "-c", "echo persisted > note.txt");

        Assert.Equal((0, "persisted\n"), await ExecAsync(pod, "cat", "note.txt"));
    }

    [Fact]
    public async Task Exec_feeds_stdin_through_the_v4_muxed_stream()
    {
        var pod = await RunningPodAsync("stdin");
        using var client = Host.CreateClient();
        using var socket = await client.WebSocketNamespacedPodExecAsync(pod, "default", ["sh", "-c", "read line; echo got:$line"], "main",
            stdin: true, stdout: true, stderr: true, tty: false);
        using var demuxer = new StreamDemuxer(socket);
        demuxer.Start();
        var stdin = demuxer.GetStream(null, ChannelIndex.StdIn);
        var stdout = demuxer.GetStream(ChannelIndex.StdOut, null);

        await stdin.WriteAsync(Encoding.UTF8.GetBytes("abc\n"));

        Assert.Equal("got:abc\n", await new StreamReader(stdout).ReadToEndAsync());
    }

    [Fact]
    public async Task V5_stdin_close_frame_is_end_of_file_for_the_command()
    {
        var pod = await RunningPodAsync("eof");

        var transcript = await RawChannelClient.RunAsync(Host.BaseUri,
            $"/api/v1/namespaces/default/pods/{pod}/exec?command=wc&command=-c&stdin=1&stdout=1&stderr=1", "v5.channel.k8s.io",
            async socket =>
            {
                await RawChannelClient.SendAsync(socket, [0, .. "hello"u8.ToArray()]);
                await RawChannelClient.SendAsync(socket, 255, 0);
            });

        Assert.Equal("v5.channel.k8s.io", transcript.Protocol);
        Assert.Equal("5", transcript.Stdout.Trim());
        Assert.Equal("""{"metadata":{},"status":"Success"}""", transcript.Status);
        Assert.True(transcript.ClosedNormally);
    }

    [Fact]
    public async Task Exec_of_a_missing_command_is_a_failure_status_not_success()
    {
        var pod = await RunningPodAsync("missing");

        var transcript = await RawChannelClient.RunAsync(Host.BaseUri,
            $"/api/v1/namespaces/default/pods/{pod}/exec?command=no-such-tool&stdout=1", "v4.channel.k8s.io");

        Assert.Contains("\"reason\":\"InternalError\"", transcript.Status);
        Assert.Contains("executable file not found in $PATH", transcript.Status);
    }

    [Fact]
    public async Task Exec_into_an_unknown_container_is_a_400_status_before_the_upgrade()
    {
        var pod = await RunningPodAsync("badcontainer");
        using var http = new HttpClient { BaseAddress = Host.BaseUri };

        var response = await http.GetAsync($"/api/v1/namespaces/default/pods/{pod}/exec?command=ls&container=nope&stdout=1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"container nope is not valid for pod {pod}", await response.Content.ReadAsStringAsync());
        await Assert.ThrowsAnyAsync<WebSocketException>(() => Host.CreateClient().NamespacedPodExecAsync(
            pod, "default", "nope", ["ls"], false, (_, _, _) => Task.CompletedTask, CancellationToken.None));
    }

    [Fact]
    public async Task Attach_gets_output_from_now_on_feeds_stdin_and_ends_with_the_exit_status()
    {
        var pod = await RunningPodAsync("attach", "read line; echo got:$line; exit 4", c => c.Stdin = true);

        var transcript = await RawChannelClient.RunAsync(Host.BaseUri,
            $"/api/v1/namespaces/default/pods/{pod}/attach?container=main&stdin=1&stdout=1&stderr=1", "v4.channel.k8s.io",
            socket => RawChannelClient.SendAsync(socket, [0, .. "xyz\n"u8.ToArray()]));

        Assert.True(transcript.Stdout == "got:xyz\n", transcript.ToString());
        Assert.Contains("\"reason\":\"NonZeroExitCode\"", transcript.Status);
        Assert.Contains("\"message\":\"4\"", transcript.Status);
        Assert.True(transcript.ClosedNormally);
    }

    [Fact]
    public async Task A_cut_stream_is_aborted_without_a_status_and_the_next_one_works()
    {
        var pod = await RunningPodAsync("cut");
        Host.Kubelet.CutNextStreams(1, 3);
        var path = $"/api/v1/namespaces/default/pods/{pod}/exec?command=echo&command=hello&stdout=1";

        var cut = await RawChannelClient.RunAsync(Host.BaseUri, path, "v4.channel.k8s.io");
        var next = await RawChannelClient.RunAsync(Host.BaseUri, path, "v4.channel.k8s.io");

        Assert.False(cut.ClosedNormally);
        Assert.Null(cut.Status);
        Assert.Equal("hel", cut.Stdout);
        Assert.Equal("hello\n", next.Stdout);
        Assert.NotNull(next.Status);
    }

    [Fact]
    public async Task Logs_honour_tail_limit_and_timestamps()
    {
        var name = Host.Run(Pods.Shell(Pods.UniqueName("logs"), "for i in 1 2 3 4 5; do echo line$i; done; echo oops"));
        await Host.Cluster.WaitForPodAsync(name, p => p.IsFinished(), "finished");
        using var client = Host.CreateClient();

        Assert.Equal("line1\nline2\nline3\nline4\nline5\noops\n", await ReadLogAsync(client.CoreV1.ReadNamespacedPodLogAsync(name, "default")));
        Assert.Equal("line5\noops\n", await ReadLogAsync(client.CoreV1.ReadNamespacedPodLogAsync(name, "default", tailLines: 2)));
        Assert.Equal("line1\nli", await ReadLogAsync(client.CoreV1.ReadNamespacedPodLogAsync(name, "default", limitBytes: 8)));
        var stamped = (await ReadLogAsync(client.CoreV1.ReadNamespacedPodLogAsync(name, "default", timestamps: true))).TrimEnd('\n').Split('\n');
        Assert.Equal(6, stamped.Length);
        Assert.All(stamped, line => Assert.Matches(new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z (line\d|oops)$"), line));
    }

    [Fact]
    public async Task Logs_keep_stderr_and_the_order_within_each_stream()
    {
        // Two pipes: their relative order is a race, as with a real container runtime; each stream's own order is not.
        var name = Host.Run(Pods.Shell(Pods.UniqueName("logs-err"), "for i in 1 2 3; do echo out$i; echo err$i >&2; done"));
        await Host.Cluster.WaitForPodAsync(name, p => p.IsFinished(), "finished");
        using var client = Host.CreateClient();

        var lines = (await ReadLogAsync(client.CoreV1.ReadNamespacedPodLogAsync(name, "default"))).TrimEnd('\n').Split('\n');

        Assert.Equal(["out1", "out2", "out3"], lines.Where(l => l.StartsWith("out")));
        Assert.Equal(["err1", "err2", "err3"], lines.Where(l => l.StartsWith("err")));
    }

    private static async Task<string> ReadLogAsync(Task<Stream> log) => await new StreamReader(await log).ReadToEndAsync();

    [Fact]
    public async Task Follow_streams_new_lines_and_ends_when_the_container_exits()
    {
        var name = await RunningPodAsync("follow", "echo first; until [ -e go ]; do sleep 0.05; done; echo second");
        using var client = Host.CreateClient();
        using var reader = new StreamReader(await client.CoreV1.ReadNamespacedPodLogAsync(name, "default", follow: true));

        Assert.Equal("first", await reader.ReadLineAsync());
        await File.WriteAllTextAsync(Path.Combine(Directory.GetDirectories(Path.Combine(Host.Root, "pods"), $"default_{name}_*").Single(),
            "containers", "main", "rootfs", "go"), "");
        Assert.Equal("second", await reader.ReadLineAsync());
        Assert.Null(await reader.ReadLineAsync());
    }

    [Fact]
    public async Task Logs_of_a_container_that_has_not_started_are_a_400()
    {
        var name = Host.Run(Pods.Shell(Pods.UniqueName("nolog"), "true", c => c.Image = "unpullable/x"));
        await Host.Cluster.WaitForPodAsync(name, p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State.Waiting is not null, "waiting");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Host.CreateClient().CoreV1.ReadNamespacedPodLogAsync(name, "default"));

        Assert.Equal(HttpStatusCode.BadRequest, error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<k8s.Models.V1Status>(error.Response.Content);
        Assert.Equal(($"container \"main\" in pod \"{name}\" is waiting to start: trying and failing to pull image", 400),
            (status.Message, status.Code));
    }
}
