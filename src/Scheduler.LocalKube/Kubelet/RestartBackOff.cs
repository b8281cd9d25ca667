namespace Scheduler.LocalKube.Kubelet;

/// <summary>
/// The kubelet's CrashLoopBackOff for one container (its flowcontrol.Backoff): the first restart is immediate, each
/// later one waits the current delay, which starts at <paramref name="initial"/> (10 s in the kubelet) and doubles up
/// to <see cref="Max"/>. A container that ran longer than twice the maximum (10 min) since its last restart starts over.
/// </summary>
public sealed class RestartBackOff(TimeSpan initial)
{
    public static readonly TimeSpan KubeletInitial = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    private TimeSpan? _delay;
    private DateTime _lastRestart;

    /// <summary>The wait before restarting a container that finished at <paramref name="finishedAt"/>; assumes the restart follows it.</summary>
    public TimeSpan Next(DateTime finishedAt)
    {
        if (_delay is not { } delay || finishedAt - _lastRestart > 2 * Max)
        {
            _delay = initial < Max ? initial : Max;
            _lastRestart = finishedAt;
            return TimeSpan.Zero;
        }
        _delay = delay * 2 < Max ? delay * 2 : Max;
        _lastRestart = finishedAt + delay;
        return delay;
    }
}
