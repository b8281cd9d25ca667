namespace Scheduler.Domain.GarbageCollection;

/// <summary>Why <see cref="GarbagePolicy"/> selected a resource; a bounded set, so it can label a metric.</summary>
public enum GarbageCause
{
    /// <summary>No job id label, and older than the threshold.</summary>
    NoJobId,

    /// <summary>An older attempt of a job that is still running.</summary>
    SupersededAttempt,

    /// <summary>Older than the threshold, whatever its job.</summary>
    OlderThanThreshold,

    /// <summary>Its job is unknown to the records.</summary>
    UnknownJob,

    /// <summary>Its job has finished and been cleaned up.</summary>
    JobFinished,
}
