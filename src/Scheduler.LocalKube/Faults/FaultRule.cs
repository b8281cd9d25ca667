namespace Scheduler.LocalKube.Faults;

/// <summary>
/// Fails requests that match <see cref="Verb"/> and <see cref="Resource"/> ("*" matches all).
/// Verbs: get, list, watch, create, update, patch, delete, deletecollection.
/// Resources: pods, pods/exec, pods/attach, pods/log, pods/status, secrets, nodes, events, namespaces.
/// With <see cref="Count"/> the next N matches fail; with <see cref="Fraction"/> each match fails with that probability.
/// </summary>
public sealed record FaultRule(
    FaultKind Kind = FaultKind.InternalError,
    string Verb = "*",
    string Resource = "*",
    int? Count = 1,
    double? Fraction = null,
    int RetryAfterSeconds = 1);
