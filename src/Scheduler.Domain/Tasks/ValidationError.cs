namespace Scheduler.Domain.Tasks;

/// <summary>
/// One problem in a submitted task spec. <see cref="Path"/> is the field path (<c>steps[2].run</c>,
/// <c>environment.FOO</c>), empty when the problem concerns the whole document. Never carries secret values.
/// </summary>
public sealed record ValidationError(string Path, string Message)
{
    /// <summary><c>path: message</c>, or just the message for document-level errors.</summary>
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
