using System.Text;
using System.Text.RegularExpressions;
using Scheduler.Domain.Time;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Scheduler.Domain.Tasks;

/// <summary>
/// Parses and validates a task spec written in YAML or JSON with the snake_case keys
/// <c>resource_class</c> (required), <c>image</c>, <c>steps</c> (required, non-empty), <c>environment</c>,
/// <c>secrets</c>, <c>timeout</c> (a Go duration such as <c>30m</c>), <c>services</c> (TaskSpecParser.Services.cs), and
/// <c>resources</c>, <c>nodeSelector</c>, <c>tolerations</c> (<see cref="PodOverridesReader"/>).
/// A step is either a mapping <c>{name, run}</c> or, as a shorthand, a plain string that is its <c>run</c>;
/// a step without a name is named after the first line of its script, like CircleCI's <c>run</c> steps.
/// Every error is reported with its field path; secret values never appear in any message.
/// The <c>timeout ≤ agent.maxRunTime</c> rule needs the agent config and lives in <see cref="TaskSpecLimits"/>.
/// </summary>
public static partial class TaskSpecParser
{
    /// <summary>The top-level keys a spec may contain.</summary>
    public static readonly IReadOnlyList<string> TopLevelKeys =
        ["resource_class", "image", "steps", "environment", "secrets", "timeout", "services", "retry", .. PodOverridesReader.Keys];

    /// <summary>The most steps a task may have; each step costs an exec, log rows and journal events.</summary>
    public const int MaxSteps = 100;

    /// <summary>The largest step script, in UTF-8 bytes; a script travels in an exec's command line.</summary>
    public const int MaxScriptBytes = 64 * 1024;

    private static readonly IReadOnlyList<string> StepKeys = ["name", "run"];
    private const int MaxStepNameLength = 60;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/-]{0,252}$")]
    private static partial Regex ResourceClassName();

    // [registry[:port]/]path[:tag][@digest], with the path in lowercase as the distribution spec has it.
    [GeneratedRegex(@"^(?=.{1,512}$)(?:[A-Za-z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$")]
    private static partial Regex ImageReference();

    /// <summary>Parses <paramref name="text"/>; returns the spec, or every error found.</summary>
    public static TaskSpecParseResult Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return TaskSpecParseResult.Invalid([new ValidationError("", "the task spec is empty")]);

        var stream = new YamlStream();
        try
        {
            if (!YamlNesting.IsWithinLimit(text))
                return TaskSpecParseResult.Invalid([new ValidationError("", $"nested deeper than {YamlNesting.MaxDepth} levels")]);
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var reason = (e.InnerException as YamlException)?.Message ?? e.Message;
            return TaskSpecParseResult.Invalid([new ValidationError("", $"malformed YAML/JSON at line {e.Start.Line}, column {e.Start.Column}: {reason}")]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on some unterminated flow collections ("key: [a").
            return TaskSpecParseResult.Invalid([new ValidationError("", "malformed YAML/JSON (the parser stopped without a position; is a [ or { left open?)")]);
        }

        if (stream.Documents.Count != 1)
            return TaskSpecParseResult.Invalid([new ValidationError("", "expected exactly one YAML document")]);
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            return TaskSpecParseResult.Invalid([new ValidationError("", "the task spec must be a mapping of fields (resource_class, steps, ...)")]);

        var errors = new List<ValidationError>();
        var spec = Read(root, errors);
        return errors.Count == 0 ? TaskSpecParseResult.Valid(spec) : TaskSpecParseResult.Invalid(errors);
    }

    private static TaskSpec Read(YamlMappingNode root, List<ValidationError> errors)
    {
        var fields = Fields(root, "", TopLevelKeys, errors);
        return new TaskSpec(
            ReadResourceClass(fields.GetValueOrDefault("resource_class"), errors),
            ReadImage(fields.GetValueOrDefault("image"), errors),
            ReadSteps(fields.GetValueOrDefault("steps"), errors),
            ReadVariables(fields.GetValueOrDefault("environment"), "environment", errors),
            ReadSecrets(fields.GetValueOrDefault("secrets"), fields.GetValueOrDefault("environment"), errors),
            ReadTimeout(fields.GetValueOrDefault("timeout"), errors))
        {
            Services = ReadServices(fields.GetValueOrDefault("services"), errors),
            PodOverrides = PodOverridesReader.Read(fields, errors),
            InfrastructureRetries = ReadRetry(fields.GetValueOrDefault("retry"), errors),
        };
    }

    private static Dictionary<string, YamlNode> Fields(YamlMappingNode map, string prefix, IReadOnlyList<string> allowed, List<ValidationError> errors)
    {
        var fields = new Dictionary<string, YamlNode>();
        foreach (var (key, value) in map.Children)
        {
            var name = YamlScalars.KeyText(key);
            if (allowed.Contains(name))
                fields[name] = value;
            else
                errors.Add(new ValidationError(prefix + name, $"unknown field (expected one of: {string.Join(", ", allowed)})"));
        }
        return fields;
    }

    private static string ReadResourceClass(YamlNode? node, List<ValidationError> errors)
    {
        var value = node is null ? null : YamlScalars.Text(node);
        if (node is not null and not YamlScalarNode)
            errors.Add(new ValidationError("resource_class", "must be a string such as local/small"));
        else if (string.IsNullOrWhiteSpace(value))
            errors.Add(new ValidationError("resource_class", "required"));
        else if (!ResourceClassName().IsMatch(value))
            errors.Add(new ValidationError("resource_class", $"invalid name \"{value}\" (letters, digits, '.', '_', '-', '/')"));
        return value ?? "";
    }

    private static string? ReadImage(YamlNode? node, List<ValidationError> errors)
    {
        if (node is null || YamlScalars.IsNull(node))
            return null;
        var value = YamlScalars.Text(node);
        if (value is null || !ImageReference().IsMatch(value))
            errors.Add(new ValidationError("image", "must be an image reference such as alpine:3.20 or registry.example.com/team/app@sha256:…"));
        return value;
    }

    private static List<StepSpec> ReadSteps(YamlNode? node, List<ValidationError> errors)
    {
        var steps = new List<StepSpec>();
        if (node is null || YamlScalars.IsNull(node))
        {
            errors.Add(new ValidationError("steps", "at least one step is required"));
            return steps;
        }
        if (node is not YamlSequenceNode sequence)
        {
            errors.Add(new ValidationError("steps", "must be a list of steps ({name, run})"));
            return steps;
        }
        if (sequence.Children.Count == 0)
            errors.Add(new ValidationError("steps", "at least one step is required"));
        if (sequence.Children.Count > MaxSteps)
        {
            errors.Add(new ValidationError("steps", $"at most {MaxSteps} steps, got {sequence.Children.Count}"));
            return steps;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var step = ReadStep(sequence.Children[i], $"steps[{i}]", errors);
            if (step is not null)
                steps.Add(step);
        }
        return steps;
    }

    private static StepSpec? ReadStep(YamlNode node, string path, List<ValidationError> errors)
    {
        if (node is YamlScalarNode && YamlScalars.Text(node) is { } shorthand && shorthand.Trim().Length > 0)
            return WithinScriptLimit(shorthand, path, errors) ? new StepSpec(DefaultName(shorthand), shorthand) : null;
        if (node is not YamlMappingNode map)
        {
            errors.Add(new ValidationError(path, "must be a mapping {name, run} or a shell command string"));
            return null;
        }

        var fields = Fields(map, path + ".", StepKeys, errors);
        var run = fields.TryGetValue("run", out var runNode) ? YamlScalars.Text(runNode) : null;
        if (runNode is not null and not YamlScalarNode)
            errors.Add(new ValidationError(path + ".run", "must be a string (a shell script)"));
        else if (string.IsNullOrWhiteSpace(run))
            errors.Add(new ValidationError(path + ".run", "required"));

        string? name = null;
        if (fields.TryGetValue("name", out var nameNode) && !YamlScalars.IsNull(nameNode))
        {
            name = YamlScalars.Text(nameNode);
            if (string.IsNullOrWhiteSpace(name))
                errors.Add(new ValidationError(path + ".name", "must be a non-empty string"));
        }
        return string.IsNullOrWhiteSpace(run) || !WithinScriptLimit(run, path + ".run", errors) ? null : new StepSpec(name ?? DefaultName(run), run);
    }

    private static bool WithinScriptLimit(string script, string path, List<ValidationError> errors)
    {
        var bytes = Encoding.UTF8.GetByteCount(script);
        if (bytes <= MaxScriptBytes)
            return true;
        errors.Add(new ValidationError(path, $"at most {MaxScriptBytes} bytes, got {bytes}"));
        return false;
    }

    private static string DefaultName(string run)
    {
        var line = run.Split('\n').Select(l => l.Trim()).First(l => l.Length > 0);
        return line.Length <= MaxStepNameLength ? line : line[..(MaxStepNameLength - 1)] + "…";
    }

    private static Dictionary<string, string> ReadVariables(YamlNode? node, string field, List<ValidationError> errors)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null || YamlScalars.IsNull(node))
            return result;
        if (node is not YamlMappingNode map)
        {
            errors.Add(new ValidationError(field, "must be a mapping of NAME: value"));
            return result;
        }
        foreach (var (key, valueNode) in map.Children)
        {
            var name = YamlScalars.KeyText(key);
            var path = $"{field}.{name}";
            if (!EnvironmentName().IsMatch(name))
                errors.Add(new ValidationError(path, "invalid variable name (letters, digits and '_', not starting with a digit)"));
            if (YamlScalars.Text(valueNode) is { } value)
                result[name] = value;
            else
                errors.Add(new ValidationError(path, "must be a string"));
        }
        return result;
    }

    private static Dictionary<string, string> ReadSecrets(YamlNode? node, YamlNode? environment, List<ValidationError> errors)
    {
        var secrets = ReadVariables(node, "secrets", errors);
        if (environment is YamlMappingNode env)
        {
            foreach (var name in env.Children.Keys.Select(YamlScalars.KeyText).Where(secrets.ContainsKey))
                errors.Add(new ValidationError($"secrets.{name}", "also defined in environment"));
        }
        return secrets;
    }

    private static TimeSpan? ReadTimeout(YamlNode? node, List<ValidationError> errors)
    {
        if (node is null || YamlScalars.IsNull(node))
            return null;
        var text = YamlScalars.Text(node);
        if (!GoDuration.TryParse(text, out var timeout, out _))
        {
            errors.Add(new ValidationError("timeout", $"invalid duration \"{text}\" (e.g. 30m, 1h30m, 90s)"));
            return null;
        }
        if (timeout <= TimeSpan.Zero)
            errors.Add(new ValidationError("timeout", "must be positive"));
        return timeout;
    }
}
