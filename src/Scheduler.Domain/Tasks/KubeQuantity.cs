using System.Globalization;
using System.Text.RegularExpressions;

namespace Scheduler.Domain.Tasks;

/// <summary>
/// A Kubernetes resource quantity (<c>500m</c>, <c>2</c>, <c>1.5</c>, <c>512Mi</c>, <c>1Gi</c>, <c>1e3</c>, <c>2k</c>):
/// a non-negative decimal number with a binary-SI (<c>Ki</c>…<c>Ei</c>), decimal-SI (<c>m</c>, <c>k</c>, <c>M</c>…<c>E</c>)
/// or exponent (<c>e3</c>, <c>E-2</c>) suffix. <see cref="Text"/> is kept as written, for the pod spec and messages;
/// <see cref="Value"/> is in base units (cores, bytes) and is what comparisons use.
/// </summary>
public sealed partial record KubeQuantity(string Text, decimal Value) : IComparable<KubeQuantity>
{
    [GeneratedRegex(@"^\+?(?<number>[0-9]+(\.[0-9]*)?|\.[0-9]+)(?<suffix>Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$")]
    private static partial Regex Syntax();

    /// <summary>Parses <paramref name="text"/>; null with <paramref name="error"/> set when it is not a quantity.</summary>
    public static KubeQuantity? Parse(string? text, out string error)
    {
        error = "";
        var trimmed = text?.Trim() ?? "";
        var match = Syntax().Match(trimmed);
        if (!match.Success)
        {
            error = $"\"{text}\" is not a quantity (e.g. 500m, 2, 512Mi, 1Gi)";
            return null;
        }

        try
        {
            var number = decimal.Parse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            return new KubeQuantity(trimmed, number * Multiplier(match.Groups["suffix"].Value));
        }
        catch (OverflowException)
        {
            error = $"\"{text}\" is too large";
            return null;
        }
    }

    public int CompareTo(KubeQuantity? other) => other is null ? 1 : Value.CompareTo(other.Value);

    public bool Equals(KubeQuantity? other) => other is not null && Value == other.Value;

    public override int GetHashCode() => Value.GetHashCode();

    public override string ToString() => Text;

    public static bool operator >(KubeQuantity a, KubeQuantity b) => a.Value > b.Value;

    public static bool operator <(KubeQuantity a, KubeQuantity b) => a.Value < b.Value;

    private static decimal Multiplier(string suffix) => suffix switch
    {
        "" => 1m,
        "m" => 0.001m,
        "k" => 1e3m,
        "M" => 1e6m,
        "G" => 1e9m,
        "T" => 1e12m,
        "P" => 1e15m,
        "E" => 1e18m,
        "Ki" => 1024m,
        "Mi" => 1024m * 1024,
        "Gi" => 1024m * 1024 * 1024,
        "Ti" => 1024m * 1024 * 1024 * 1024,
        "Pi" => 1024m * 1024 * 1024 * 1024 * 1024,
        "Ei" => 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
        _ => Power10(int.Parse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
    };

    private static decimal Power10(int exponent)
    {
        if (exponent is > 28 or < -28)
            throw new OverflowException();
        var result = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
            result = exponent > 0 ? result * 10 : result / 10;
        return result;
    }
}
