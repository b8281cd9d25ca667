namespace Scheduler.Agent.Actors;

/// <summary>
/// The shard regions' hand-off stop message (drain, shutdown, rebalance). Entities handle it as a command, so no persist
/// is in flight when they stop: a <c>PoisonPill</c> could stop one mid-write and let its successor read a stale
/// sequence number.
/// </summary>
public sealed class StopEntity
{
    public static readonly StopEntity Instance = new();

    private StopEntity()
    {
    }
}
