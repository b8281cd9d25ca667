namespace Scheduler.Kube.Watch;

public sealed record SharedPodWatchOptions
{
    /// <summary>Asks the server to end each watch after this long; the watch then resumes from its last resourceVersion.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>First pause after a failed LIST or WATCH; it doubles per consecutive failure up to <see cref="MaxErrorBackoff"/>.</summary>
    public TimeSpan MinErrorBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxErrorBackoff { get; init; } = TimeSpan.FromSeconds(10);
}
