using System.Text.Json.Serialization;

namespace Scheduler.Agent.Serialization;

// The stored shape of each job event, version 1. Change a contract only together with a new manifest.

public sealed record JobSubmittedV1(string JobId, TaskSpecV1 Spec, DateTimeOffset At);

public sealed record TaskSpecV1(
    string ResourceClass,
    string? Image,
    IReadOnlyList<StepSpecV1> Steps,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyDictionary<string, string> SealedSecrets,
    TimeSpan? Timeout,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ServiceSpecV1>? Services = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TaskPodOverridesV1? PodOverrides = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? InfrastructureRetries = null);

public sealed record StepSpecV1(string Name, string Run);

/// <summary>
/// Added to <see cref="TaskSpecV1"/> without a new manifest, like its pod overrides and infrastructure retries: absent
/// (a task without them) the payload is byte for byte what earlier versions wrote and read. A replica older than these
/// fields would drop them, so a cluster must not run tasks using them before every replica is upgraded.
/// </summary>
public sealed record ServiceSpecV1(string Name, string Image, IReadOnlyList<string>? Command, IReadOnlyDictionary<string, string> Env, int? Port);

/// <summary>Every event that holds nothing but its time.</summary>
public sealed record MomentV1(DateTimeOffset At);

public sealed record JobClaimedV1(int Attempt, DateTimeOffset At);

public sealed record JobAdoptedV1(int Epoch, string Owner, DateTimeOffset At);

public sealed record SecretCreatedV1(string SecretName, DateTimeOffset At);

public sealed record PodCreatedV1(string PodName, DateTimeOffset At);

/// <param name="Kind"><c>no-room</c> or <c>image-pull</c>.</param>
public sealed record PodStalledV1(string Kind, string Reason, string Message, DateTimeOffset At);

public sealed record PodRunningV1(string? NodeName, DateTimeOffset At);

public sealed record StepStartedV1(int Index, DateTimeOffset At);

public sealed record StepFinishedV1(int Index, int ExitCode, DateTimeOffset At);

public sealed record JobFailedV1(int StepIndex, int ExitCode, string Message, DateTimeOffset At);

public sealed record JobTimedOutV1(TimeSpan Timeout, DateTimeOffset At);

public sealed record JobInfraFailedV1(string Reason, string Message, DateTimeOffset At);
