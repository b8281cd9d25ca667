using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Scheduler.Tests.Shared;

/// <summary>
/// A throwaway PostgreSQL 15 server from the machine's binaries: <c>initdb</c> in a temp dir, trust auth,
/// loopback only on a free port, unix socket inside the temp dir, durability off. PostgreSQL refuses to run as root,
/// so under root its tools run as the <c>postgres</c> system user. Stopped and its directory deleted on dispose.
/// Linked into the agent tests and the benchmarks.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const string ServiceUser = "postgres";
    private static readonly bool RunningAsRoot = Environment.UserName == "root";

    private readonly string _root;

    private ThrowawayPostgres(string root, int port)
    {
        _root = root;
        Port = port;
    }

    private int Port { get; }

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>Connection string to the server's <c>postgres</c> database.</summary>
    private string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username={ServiceUser};Database=postgres;Pooling=false";

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "pg_ctl")))
            throw new InvalidOperationException(
                $"PostgreSQL 15 is required but {BinDirectory}/pg_ctl does not exist. Install it (e.g. apt-get install postgresql-15).");

        var server = new ThrowawayPostgres(Directory.CreateTempSubdirectory("sched-pg-").FullName, FreeLoopbackPort());
        try
        {
            await server.InitAndStartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates a fresh database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return $"Host=127.0.0.1;Port={Port};Username={ServiceUser};Database={name}";
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "-s", "stop"]);
        Directory.Delete(_root, recursive: true);
    }

    private async Task InitAndStartAsync()
    {
        if (RunningAsRoot)
            await RunAsync("chown", [$"{ServiceUser}:", _root], asServiceUser: false);
        await RunAsync(Path.Combine(BinDirectory, "initdb"),
            ["-D", DataDirectory, "-A", "trust", "-U", ServiceUser, "-E", "UTF8", "--no-sync", "--no-instructions"]);
        await StartServerAsync();
    }

    /// <summary>Stops the server, keeping its data, as in a database outage; <see cref="RestartAsync"/> brings it back.</summary>
    public async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "-s", "stop"]);
    }

    /// <summary>Starts the server stopped by <see cref="StopAsync"/> again, on the same port.</summary>
    public Task RestartAsync() => StartServerAsync();

    private Task StartServerAsync()
    {
        var serverOptions = $"-p {Port} -h 127.0.0.1 -k {_root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        return RunAsync(Path.Combine(BinDirectory, "pg_ctl"),
            ["-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-o", serverOptions, "-w", "-s", "start"]);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asServiceUser = true)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asServiceUser && RunningAsRoot)
        {
            start.FileName = "runuser";
            foreach (var argument in new[] { "-u", ServiceUser, "--", program })
                start.ArgumentList.Add(argument);
        }
        else
        {
            start.FileName = program;
        }

        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
    }
}
