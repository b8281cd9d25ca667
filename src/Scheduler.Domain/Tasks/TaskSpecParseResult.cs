using System.Diagnostics.CodeAnalysis;

namespace Scheduler.Domain.Tasks;

/// <summary>Either a valid <see cref="TaskSpec"/> or the list of every validation error found (never both).</summary>
public sealed record TaskSpecParseResult(TaskSpec? Spec, IReadOnlyList<ValidationError> Errors)
{
    [MemberNotNullWhen(true, nameof(Spec))]
    public bool IsValid => Spec is not null;

    public static TaskSpecParseResult Valid(TaskSpec spec) => new(spec, []);

    public static TaskSpecParseResult Invalid(IReadOnlyList<ValidationError> errors) => new(null, errors);
}
