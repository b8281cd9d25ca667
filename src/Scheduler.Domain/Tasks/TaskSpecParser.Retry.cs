using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Scheduler.Domain.Tasks;

/// <summary>
/// <c>retry: {infrastructure: N}</c>: how many more attempts, each with a new pod, a job gets when its pod or the
/// platform fails it (see <c>Jobs.InfrastructureRetries</c>); never for a step's own exit code.
/// </summary>
public static partial class TaskSpecParser
{
    /// <summary>The most infrastructure retries any task may ask for; a class may allow fewer (<c>maxInfrastructureRetries</c>).</summary>
    public const int MaxInfrastructureRetries = 10;

    private static readonly IReadOnlyList<string> RetryKeys = ["infrastructure"];

    private static int ReadRetry(YamlNode? node, List<ValidationError> errors)
    {
        if (node is null || YamlScalars.IsNull(node))
            return 0;
        if (node is not YamlMappingNode map)
        {
            errors.Add(new ValidationError("retry", "must be a mapping such as {infrastructure: 1}"));
            return 0;
        }

        var fields = Fields(map, "retry.", RetryKeys, errors);
        if (fields.GetValueOrDefault("infrastructure") is not { } value || YamlScalars.IsNull(value))
            return 0;
        var text = YamlScalars.Text(value);
        if (value is YamlScalarNode && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var retries) && retries <= MaxInfrastructureRetries)
            return retries;
        errors.Add(new ValidationError("retry.infrastructure", $"must be a whole number from 0 to {MaxInfrastructureRetries}, got \"{text}\""));
        return 0;
    }
}
