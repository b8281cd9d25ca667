using System.Text;

namespace Scheduler.Domain.Tasks;

/// <summary>
/// A service container beside the task's steps (a test database, a mock server): it runs in the task pod, so the steps
/// reach it on <c>localhost</c>. <see cref="Command"/> null keeps the image's entrypoint; <see cref="Port"/>, when set,
/// is the TCP port the first step waits for (see <c>PodBuilder</c> and the agent's service readiness wait).
/// Equality compares contents.
/// </summary>
public sealed record ServiceSpec(
    string Name,
    string Image,
    IReadOnlyList<string>? Command,
    IReadOnlyDictionary<string, string> Environment,
    int? Port)
{
    public bool Equals(ServiceSpec? other) =>
        other is not null
        && Name == other.Name
        && Image == other.Image
        && Port == other.Port
        && (Command ?? []).SequenceEqual(other.Command ?? [])
        && (Command is null) == (other.Command is null)
        && Environment.Count == other.Environment.Count
        && Environment.All(e => other.Environment.TryGetValue(e.Key, out var v) && v == e.Value);

    public override int GetHashCode() => HashCode.Combine(Name, Image, Port);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Name = {Name}, Image = {Image}, Port = {Port?.ToString() ?? "(none)"}");
        return true;
    }
}
