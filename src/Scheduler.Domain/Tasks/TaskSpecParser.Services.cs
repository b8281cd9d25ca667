using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Scheduler.Domain.Tasks;

/// <summary>
/// The <c>services</c> list: each entry <c>{name, image, command?, env?, port?}</c>. <c>command</c> is a list of
/// arguments, or a string run by <c>/bin/sh -c</c>; <c>env</c> is a mapping like <c>environment</c> (the task's own
/// environment and secrets are not given to services); <c>port</c> is the TCP port the first step waits for.
/// </summary>
public static partial class TaskSpecParser
{
    /// <summary>The most services a task may have; each is a container in the task pod.</summary>
    public const int MaxServices = 10;

    /// <summary>The container name of the task's own container, which a service cannot take.</summary>
    public const string ReservedServiceName = "primary";

    private static readonly IReadOnlyList<string> ServiceKeys = ["name", "image", "command", "env", "port"];

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex ServiceName();

    private static List<ServiceSpec> ReadServices(YamlNode? node, List<ValidationError> errors)
    {
        var services = new List<ServiceSpec>();
        if (node is null || YamlScalars.IsNull(node))
            return services;
        if (node is not YamlSequenceNode sequence)
        {
            errors.Add(new ValidationError("services", "must be a list of services ({name, image, command, env, port})"));
            return services;
        }
        if (sequence.Children.Count > MaxServices)
        {
            errors.Add(new ValidationError("services", $"at most {MaxServices} services, got {sequence.Children.Count}"));
            return services;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var path = $"services[{i}]";
            if (ReadService(sequence.Children[i], path, errors) is not { } service)
                continue;
            if (!names.Add(service.Name))
                errors.Add(new ValidationError(path + ".name", $"duplicate service name \"{service.Name}\""));
            services.Add(service);
        }
        return services;
    }

    private static ServiceSpec? ReadService(YamlNode node, string path, List<ValidationError> errors)
    {
        if (node is not YamlMappingNode map)
        {
            errors.Add(new ValidationError(path, "must be a mapping {name, image, command, env, port}"));
            return null;
        }

        var before = errors.Count;
        var fields = Fields(map, path + ".", ServiceKeys, errors);
        var name = ReadServiceName(fields.GetValueOrDefault("name"), path + ".name", errors);
        var image = ReadServiceImage(fields.GetValueOrDefault("image"), path + ".image", errors);
        var command = ReadCommand(fields.GetValueOrDefault("command"), path + ".command", errors);
        var env = ReadVariables(fields.GetValueOrDefault("env"), path + ".env", errors);
        var port = ReadPort(fields.GetValueOrDefault("port"), path + ".port", errors);
        return errors.Count == before ? new ServiceSpec(name!, image!, command, env, port) : null;
    }

    private static string? ReadServiceName(YamlNode? node, string path, List<ValidationError> errors)
    {
        var name = node is null ? null : YamlScalars.Text(node);
        if (string.IsNullOrEmpty(name))
            errors.Add(new ValidationError(path, "required"));
        else if (!ServiceName().IsMatch(name))
            errors.Add(new ValidationError(path, $"invalid name \"{name}\" (lowercase letters, digits and '-', at most 63, as a container name)"));
        else if (name == ReservedServiceName)
            errors.Add(new ValidationError(path, $"\"{ReservedServiceName}\" is the task's own container"));
        return name;
    }

    private static string? ReadServiceImage(YamlNode? node, string path, List<ValidationError> errors)
    {
        var image = node is null ? null : YamlScalars.Text(node);
        if (string.IsNullOrEmpty(image))
            errors.Add(new ValidationError(path, "required"));
        else if (!ImageReference().IsMatch(image))
            errors.Add(new ValidationError(path, $"\"{image}\" is not an image reference such as postgres:16"));
        return image;
    }

    private static IReadOnlyList<string>? ReadCommand(YamlNode? node, string path, List<ValidationError> errors)
    {
        if (node is null || YamlScalars.IsNull(node))
            return null;
        if (node is YamlScalarNode && YamlScalars.Text(node) is { } script && script.Trim().Length > 0)
            return ["/bin/sh", "-c", script];
        if (node is YamlSequenceNode { Children.Count: > 0 } sequence && sequence.Children.All(c => c is YamlScalarNode && YamlScalars.Text(c) is not null))
            return sequence.Children.Select(c => YamlScalars.Text(c)!).ToArray();
        errors.Add(new ValidationError(path, "must be a non-empty list of arguments, or a shell command string"));
        return null;
    }

    private static int? ReadPort(YamlNode? node, string path, List<ValidationError> errors)
    {
        if (node is null || YamlScalars.IsNull(node))
            return null;
        var text = YamlScalars.Text(node);
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
            return port;
        errors.Add(new ValidationError(path, $"must be a TCP port from 1 to 65535, got \"{text}\""));
        return null;
    }
}
