using System.Collections.Concurrent;

namespace Scheduler.Agent.Hosting;

/// <summary>
/// One writer at a time per SQLite file in this process. SQLite allows a single writer; when two connections
/// collide, Microsoft.Data.Sqlite retries the loser after a blocking 150 ms sleep, which showed up as
/// 150–200 ms stalls in job start-up. Queuing writers in-process avoids the collision altogether.
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public static SemaphoreSlim For(string connectionString) =>
        Gates.GetOrAdd(connectionString, _ => new SemaphoreSlim(1, 1));

    /// <summary>Runs <paramref name="write"/> holding the gate, or directly when there is none (PostgreSQL).</summary>
    public static async Task<T> WriteAsync<T>(this SemaphoreSlim? gate, Func<Task<T>> write, CancellationToken ct)
    {
        if (gate is null)
            return await write();
        await gate.WaitAsync(ct);
        try
        {
            return await write();
        }
        finally
        {
            gate.Release();
        }
    }

    public static Task WriteAsync(this SemaphoreSlim? gate, Func<Task> write, CancellationToken ct) =>
        gate.WriteAsync(async () =>
        {
            await write();
            return true;
        }, ct);
}
