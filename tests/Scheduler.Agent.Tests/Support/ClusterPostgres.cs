using System.Diagnostics;

namespace Scheduler.Agent.Tests.Support;

/// <summary>
/// The PostgreSQL server <c>deploy/local/cluster up</c> started, stopped and started again as its admin would:
/// <c>pg_ctl -m fast stop</c> (every session gets <c>57P01 terminating connection due to administrator command</c>),
/// then <c>pg_ctl start</c> on the same data directory and port. The new server's pid goes where the script keeps the
/// old one, so <c>cluster down</c> stops it.
/// </summary>
public sealed class ClusterPostgres(LocalClusterScript cluster)
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private string Directory => cluster.Env["PG_DIR"];
    private string DataDirectory => Path.Combine(Directory, "data");

    public Task StopAsync() => PgCtlAsync("-D", DataDirectory, "-m", "fast", "-w", "-t", "50", "stop");

    public async Task StartAsync()
    {
        await PgCtlAsync("-D", DataDirectory, "-w", "-t", "50", "-l", Path.Combine(Directory, "restarted.log"),
            "-o", $"-p {cluster.Env["PG_PORT"]} -h {cluster.Env["PG_LISTEN"]} -k {Directory} -c fsync=off", "start");
        var pid = File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First().Trim();
        await File.WriteAllTextAsync(Path.Combine(cluster.StateDirectory, "pids", "postgres.pid"), pid + "\n");
    }

    private async Task PgCtlAsync(params string[] args)
    {
        // As the postgres user, as the script runs the server (PostgreSQL refuses to run as root).
        var info = new ProcessStartInfo(Environment.UserName == "root" ? "setpriv" : Path.Combine(Bin, "pg_ctl"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/tmp",
        };
        if (Environment.UserName == "root")
            foreach (var arg in new[] { "--reuid=postgres", "--regid=postgres", "--init-groups", Path.Combine(Bin, "pg_ctl") })
                info.ArgumentList.Add(arg);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var pgCtl = Process.Start(info)!;
        var output = pgCtl.StandardOutput.ReadToEndAsync();
        var error = pgCtl.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await pgCtl.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            pgCtl.Kill();
            throw new TimeoutException($"pg_ctl {string.Join(' ', args)} did not end within {CommandTimeout}");
        }
        Assert.True(pgCtl.ExitCode == 0, $"pg_ctl {string.Join(' ', args)} exited {pgCtl.ExitCode}: {await output}{await error}");
    }
}
