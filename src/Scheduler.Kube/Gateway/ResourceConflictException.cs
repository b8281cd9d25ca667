namespace Scheduler.Kube.Gateway;

/// <summary>
/// A create hit 409 AlreadyExists and the existing object belongs to someone else (its fencing label differs),
/// so this caller must not treat it as its own.
/// </summary>
public sealed class ResourceConflictException(string kind, string name, string? expectedOwner, string? actualOwner)
    : Exception($"{kind} \"{name}\" already exists and belongs to \"{actualOwner ?? "<none>"}\", not \"{expectedOwner ?? "<none>"}\".")
{
    public string Kind { get; } = kind;

    public string Name { get; } = name;
}
