namespace Scheduler.LocalKube.Faults;

/// <summary>How an injected request failure looks to the client.</summary>
public enum FaultKind
{
    /// <summary>500 InternalError Status.</summary>
    InternalError,

    /// <summary>429 TooManyRequests Status with a Retry-After header.</summary>
    TooManyRequests,

    /// <summary>409 Conflict Status.</summary>
    Conflict,

    /// <summary>The TCP connection is reset without a response.</summary>
    ConnectionReset,
}
