using System.Collections;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Scheduler.Agent.Tests.Support;

/// <summary>
/// A real PostgreSQL 15 server for the tests of one xunit collection: <c>initdb</c> in a temp dir, trust auth,
/// loopback only on a free port, unix socket inside the temp dir. PostgreSQL refuses to run as root, so
/// under root its tools run as the <c>postgres</c> system user. Stopped and deleted on dispose.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const string ServiceUser = "postgres";
    private static readonly bool RunningAsRoot = Environment.UserName == "root";

    private string _root = "";
    private string DataDirectory => Path.Combine(_root, "data");

    public int Port { get; private set; }

    /// <summary>Connection string to the server's <c>postgres</c> database.</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username={ServiceUser};Database=postgres;Pooling=false";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "pg_ctl")))
            throw new InvalidOperationException(
                $"PostgreSQL 15 is required by these tests but {BinDirectory}/pg_ctl does not exist. Install it (e.g. apt-get install postgresql-15).");

        _root = Directory.CreateTempSubdirectory("sched-pg-").FullName;
        if (RunningAsRoot)
            await RunAsync("chown", [$"{ServiceUser}:", _root], asServiceUser: false);
        Port = FreeLoopbackPort();

        await RunAsync(Path.Combine(BinDirectory, "initdb"),
            ["-D", DataDirectory, "-A", "trust", "-U", ServiceUser, "-E", "UTF8", "--no-sync", "--no-instructions"]);
        var serverOptions = $"-p {Port} -h 127.0.0.1 -k {_root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        await RunAsync(Path.Combine(BinDirectory, "pg_ctl"),
            ["-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-o", serverOptions, "-w", "-s", "start"]);
    }

    /// <summary>An agent's environment for a fresh database: its connection string and the secrets key PostgreSQL requires.</summary>
    public async Task<Hashtable> AgentEnvironmentAsync(string prefix) => new()
    {
        ["SCHED_POSTGRES"] = await CreateDatabaseAsync(prefix),
        ["SCHED_SECRETS_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    /// <summary>Creates a fresh database and returns its connection string, so test classes do not share tables.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
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

    public async Task DisposeAsync()
    {
        if (_root.Length == 0)
            return;
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "-s", "stop"]);
        Directory.Delete(_root, recursive: true);
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

/// <summary>The tests that share one <see cref="PostgresFixture"/> server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
