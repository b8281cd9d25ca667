using System.Diagnostics;

namespace Scheduler.Agent.Tests.Chaos;

/// <summary>
/// A network namespace joined to this one by a veth pair: <see cref="HostAddress"/> on the host end, and
/// <see cref="IsolatedAddress"/> inside, where one replica runs (<c>ip netns exec</c>). <see cref="CutAsync"/> then drops
/// every TCP packet to or from the given ports that crosses the pair, in both directions, so the cluster traffic (Akka
/// remoting) stops while PostgreSQL, LocalKube and the API, on other ports, still get through.
/// This machine has no iptables or nft command and its kernel no tc actions (act_gact), so packets are dropped by
/// classification: each end's egress gets an HTB root whose default class passes everything, and u32 filters send the
/// cut ports' packets to a class whose queue is <c>pfifo limit 0</c>, which drops every packet it is given. Each run's names carry the test
/// process's pid, and <see cref="DisposeAsync"/> deletes the namespace and the pair (and their qdiscs with them).
/// </summary>
public sealed class NetworkPartition : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private readonly string _hostEnd;
    private bool _created;

    public NetworkPartition()
    {
        var pid = Environment.ProcessId;
        Namespace = $"sched-chaos-{pid}";
        _hostEnd = $"schc{pid}";
        // A /30 of 10.213.0.0/16 picked by the pid, so parallel runs of the suite do not share an address.
        var subnet = pid % 16384 * 4;
        HostAddress = $"10.213.{subnet / 256}.{subnet % 256 + 1}";
        IsolatedAddress = $"10.213.{subnet / 256}.{subnet % 256 + 2}";
    }

    public string Namespace { get; }
    public string HostAddress { get; }
    public string IsolatedAddress { get; }

    public async Task CreateAsync()
    {
        await RunAsync("ip", "netns", "add", Namespace);
        _created = true;
        await RunAsync("ip", "link", "add", _hostEnd, "type", "veth", "peer", "name", "eth0", "netns", Namespace);
        await RunAsync("ip", "addr", "add", $"{HostAddress}/30", "dev", _hostEnd);
        await RunAsync("ip", "link", "set", _hostEnd, "up");
        await RunAsync("ip", "-n", Namespace, "addr", "add", $"{IsolatedAddress}/30", "dev", "eth0");
        await RunAsync("ip", "-n", Namespace, "link", "set", "eth0", "up");
        // The replica's console listens on the namespace's own 127.0.0.1.
        await RunAsync("ip", "-n", Namespace, "link", "set", "lo", "up");
    }

    /// <summary>From now on, every TCP packet from or to one of <paramref name="ports"/> that crosses the pair is dropped.</summary>
    public async Task CutAsync(params int[] ports)
    {
        foreach (var inNamespace in new[] { false, true })
        {
            string[] Tc(params string[] args) => inNamespace ? ["-n", Namespace, .. args] : args;
            var device = inNamespace ? "eth0" : _hostEnd;
            await RunAsync("tc", Tc("qdisc", "add", "dev", device, "root", "handle", "1:", "htb", "default", "1", "r2q", "100000"));
            await RunAsync("tc", Tc("class", "add", "dev", device, "parent", "1:", "classid", "1:1", "htb", "rate", "10gbit"));
            await RunAsync("tc", Tc("class", "add", "dev", device, "parent", "1:", "classid", "1:2", "htb", "rate", "10gbit"));
            await RunAsync("tc", Tc("qdisc", "add", "dev", device, "parent", "1:2", "handle", "2:", "pfifo", "limit", "0"));
            foreach (var port in ports)
                foreach (var field in new[] { "sport", "dport" })
                    await RunAsync("tc", Tc("filter", "add", "dev", device, "parent", "1:", "protocol", "ip", "pref", "1", "u32",
                        "match", "ip", "protocol", "6", "0xff", "match", "ip", field, port.ToString(), "0xffff", "flowid", "1:2"));
        }
    }

    /// <summary>Packets the cut dropped so far, over both ends: evidence from the kernel that the partition was real.</summary>
    public async Task<long> DroppedAsync()
    {
        long dropped = 0;
        foreach (var args in new[] { new[] { "-s", "qdisc", "show", "dev", _hostEnd }, ["-n", Namespace, "-s", "qdisc", "show", "dev", "eth0"] })
        {
            var lines = (await RunAsync("tc", args)).Split('\n');
            var pfifo = Array.FindIndex(lines, line => line.StartsWith("qdisc pfifo 2:", StringComparison.Ordinal));
            // " Sent 0 bytes 0 pkt (dropped 12, overlimits 0 requeues 0)"
            var stats = lines[pfifo + 1];
            var start = stats.IndexOf("dropped ", StringComparison.Ordinal) + "dropped ".Length;
            dropped += long.Parse(stats[start..stats.IndexOf(',', start)]);
        }
        return dropped;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_created)
            return;
        // Deleting the namespace deletes its end of the pair, and with it the host end; the explicit delete covers a
        // namespace whose deletion raced a process still leaving it.
        await RunAsync("ip", "netns", "delete", Namespace);
        await TryRunAsync("ip", "link", "delete", _hostEnd);
    }

    private static async Task<string> RunAsync(string command, params string[] args)
    {
        var (exitCode, output) = await TryRunAsync(command, args);
        Assert.True(exitCode == 0, $"{command} {string.Join(' ', args)} failed ({exitCode}): {output}");
        return output;
    }

    private static async Task<(int ExitCode, string Output)> TryRunAsync(string command, params string[] args)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(CommandTimeout);
        return (process.ExitCode, await output + await error);
    }
}
