using System.Text;
using Scheduler.Kube.Tests.Support;

namespace Scheduler.Kube.Tests.Integration;

/// <summary><see cref="Gateway.KubeGateway.ReadPodLogTailAsync"/>: the last bytes of a container's log, and how many came before.</summary>
public sealed class PodLogTailTests : KubeTestCluster
{
    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private async Task<string> FinishedPodAsync(string script)
    {
        var name = UniqueName("log");
        await Gateway.CreatePodAsync(Pod(name, "job-1", "/bin/sh", "-c", script), Timeout);
        await Eventually.TrueAsync(async () => (await Gateway.GetPodAsync(name, Timeout))?.Status?.Phase == "Succeeded", "the pod succeeded", TimeSpan.FromSeconds(30));
        return name;
    }

    [Fact]
    public async Task A_log_longer_than_the_limit_keeps_its_last_bytes_and_counts_the_rest()
    {
        // 2,500 numbered lines of 11 bytes each ("0000000001\n" … "0000002500\n"), 27,500 bytes in all.
        var name = await FinishedPodAsync("i=1; while [ $i -le 2500 ]; do printf '%010d\\n' $i; i=$((i+1)); done");

        var (tail, dropped) = await Gateway.ReadPodLogTailAsync(name, "build", 1105, Timeout);

        var whole = string.Concat(Enumerable.Range(1, 2500).Select(i => $"{i:D10}\n"));
        Assert.Equal(27_500 - 1105, dropped);
        Assert.Equal(whole[^1105..], Encoding.ASCII.GetString(tail));
    }

    [Fact]
    public async Task A_short_log_comes_whole()
    {
        var name = await FinishedPodAsync("echo short");

        var (tail, dropped) = await Gateway.ReadPodLogTailAsync(name, "build", 1100, Timeout);

        Assert.Equal(0, dropped);
        Assert.Equal("short\n", Encoding.ASCII.GetString(tail));
    }
}
