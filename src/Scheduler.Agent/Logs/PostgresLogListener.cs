using Microsoft.Extensions.Logging;
using Npgsql;

namespace Scheduler.Agent.Logs;

/// <summary>
/// Wakes this replica's followers when a job's log changes on any replica: a dedicated connection LISTENs on
/// <see cref="Channel"/>, where every write to the logs tables sends the job id. When the connection drops it
/// reconnects with backoff. Notifications sent while it was not listening are lost, so each (re)connection wakes
/// every follower to re-read; followers also re-read on a bounded poll, which covers a connection that died unseen.
/// </summary>
public sealed class PostgresLogListener : IAsyncDisposable
{
    public const string Channel = "job_log_changed";

    /// <summary>The listener's <c>application_name</c>, by which it can be told apart in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationName = "scheduler-log-listener";

    /// <summary>How long the connection may stay silent before a query checks it is still alive.</summary>
    private static readonly TimeSpan LivenessCheckInterval = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(5);

    private readonly string _connectionString;
    private readonly LogAppendSignals _signals;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private int _failures;

    public PostgresLogListener(string connectionString, LogAppendSignals signals, ILogger logger)
    {
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = ApplicationName }.ToString();
        _signals = signals;
        _logger = logger;
        _run = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(MaxReconnectDelay.TotalMilliseconds, 100 * Math.Pow(2, _failures - 1)));
                _logger.LogWarning(e, "the job log listener lost its PostgreSQL connection; reconnecting in {Delay}", delay);
                await Task.Delay(delay, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        connection.Notification += (_, e) => _signals.Pulse(e.Payload);
        await connection.OpenAsync(ct);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
            await listen.ExecuteNonQueryAsync(ct);
        _failures = 0;
        _signals.PulseAll();

        while (true)
        {
            if (await connection.WaitAsync(LivenessCheckInterval, ct))
                continue;
            await using var ping = new NpgsqlCommand("SELECT 1", connection);
            await ping.ExecuteNonQueryAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        _stop.Dispose();
    }
}
