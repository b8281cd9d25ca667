using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Scheduler.Domain.Jobs;

/// <summary>
/// A job's identity: a short lowercase DNS-label-safe string such as <c>t-01jq3v8z2k7m4x9c1d</c>
/// (see <see cref="JobIdGenerator"/>), usable inside pod names and label values as is.
/// </summary>
public sealed partial record JobId
{
    /// <summary>Longest id accepted, so that derived pod and secret names stay within 63 characters.</summary>
    public const int MaxLength = 40;

    public JobId(string value)
    {
        if (!IsValid(value))
            throw new ArgumentException($"invalid job id \"{value}\": lowercase letters, digits and '-', at most {MaxLength} characters", nameof(value));
        Value = value;
    }

    public string Value { get; }

    public override string ToString() => Value;

    public static bool IsValid([NotNullWhen(true)] string? value) => value is not null && Pattern().IsMatch(value);

    public static bool TryParse(string? value, [NotNullWhen(true)] out JobId? id)
    {
        id = IsValid(value) ? new JobId(value) : null;
        return id is not null;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$")]
    private static partial Regex Pattern();
}
