using System.Security.Cryptography;
using k8s;
using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Kubelet;

/// <summary>
/// Stdin larger than one WebSocket frame, through LocalKube: KubernetesClient splits a write into frames of ~15 MiB
/// that each start with the channel byte, and <c>kubectl cp</c> streams a tar archive. Every byte must arrive intact.
/// </summary>
public sealed class LargeStdinTests : IAsyncLifetime
{
    private const int Size = 40 * 1024 * 1024;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private LocalKubeFixture _cluster = null!;
    private string _directory = null!;

    public async Task InitializeAsync()
    {
        _cluster = await LocalKubeFixture.StartAsync();
        _directory = Directory.CreateTempSubdirectory("large-stdin-test-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<string> RunningPodAsync(string prefix)
    {
        var name = Objects.UniqueName(prefix);
        await _cluster.Client.CoreV1.CreateNamespacedPodAsync(Objects.Pod(name, command: "sleep 300"), "default");
        await Eventually.UntilAsync(
            async () => (await _cluster.Client.CoreV1.ReadNamespacedPodAsync(name, "default")).Status?.Phase == "Running", $"pod {name} running");
        return name;
    }

    [Fact]
    public async Task One_40_MiB_stdin_write_through_KubernetesClient_reaches_the_command_intact()
    {
        var pod = await RunningPodAsync("bigstdin");
        var data = RandomNumberGenerator.GetBytes(Size);
        using var timeout = new CancellationTokenSource(Limit);
        using var socket = await _cluster.Client.WebSocketNamespacedPodExecAsync(pod, "default",
            ["sh", "-c", $"head -c {Size} | sha256sum"], "main", stdin: true, stdout: true, stderr: true, tty: false,
            cancellationToken: timeout.Token);
        using var demuxer = new StreamDemuxer(socket);
        demuxer.Start();
        var stdin = demuxer.GetStream(null, ChannelIndex.StdIn);
        var stdout = demuxer.GetStream(ChannelIndex.StdOut, null);

        await stdin.WriteAsync(data, timeout.Token);
        var output = await new StreamReader(stdout).ReadToEndAsync(timeout.Token);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), output.Split(' ')[0]);
    }

    [Fact]
    public async Task Kubectl_cp_of_40_MiB_into_a_pod_and_back_keeps_every_byte()
    {
        var pod = await RunningPodAsync("kcp");
        var original = Path.Combine(_directory, "original.bin");
        var copiedBack = Path.Combine(_directory, "copied-back.bin");
        await File.WriteAllBytesAsync(original, RandomNumberGenerator.GetBytes(Size));

        // A relative destination lands in the container's working directory (LocalKube pods run the host's tar).
        var into = await _cluster.Kubectl.RunAsync(["cp", original, $"{pod}:big.bin"], stdin: null, timeout: Limit);
        Assert.True(into.ExitCode == 0, into.ToString());
        var back = await _cluster.Kubectl.RunAsync(["cp", $"{pod}:big.bin", copiedBack], stdin: null, timeout: Limit);
        Assert.True(back.ExitCode == 0, back.ToString());

        Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(original)), SHA256.HashData(await File.ReadAllBytesAsync(copiedBack)));
    }
}
