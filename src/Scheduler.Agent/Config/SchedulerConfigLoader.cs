using System.Collections;
using Akka.Configuration;
using Scheduler.Domain.Config;

namespace Scheduler.Agent.Config;

/// <summary>
/// Loads a replica's config: the embedded <c>hocon/agent.conf</c> and <c>hocon/akka.conf</c>, then the optional
/// config file, then environment overrides (<see cref="EnvironmentOverrides"/>), then maps and validates it.
/// A layer that defines <c>agent.resourceClasses</c> replaces the classes of the layers below (no merging),
/// so the built-in <c>local/*</c> example classes never leak into a real config.
/// </summary>
public static class SchedulerConfigLoader
{
    /// <param name="configFile">A HOCON file, or <c>null</c> for the built-in defaults alone.</param>
    /// <param name="environment">Environment variables; <c>null</c> reads the process environment.</param>
    public static LoadedConfig Load(string? configFile = null, IDictionary? environment = null)
    {
        var defaults = EmbeddedHocon.Load(EmbeddedHocon.Agent).WithFallback(EmbeddedHocon.Load(EmbeddedHocon.Akka));
        var overrides = EnvironmentOverrides.From(environment ?? Environment.GetEnvironmentVariables());
        Akka.Configuration.Config file;
        try
        {
            file = configFile is null ? Akka.Configuration.Config.Empty : ParseFile(configFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ConfigurationException or FormatException)
        {
            return new LoadedConfig(new ConfigLoadResult(null, [new ConfigError(configFile!, e.Message)]), defaults);
        }

        var userLayers = Layer(overrides, file);
        var merged = Layer(userLayers, defaults);
        var tree = HoconJson.ToJsonObject(merged.Root);
        if (file.HasPath("agent.resourceClasses") && tree["agent"] is System.Text.Json.Nodes.JsonObject agent)
            agent["resourceClasses"] = HoconJson.ToJson(userLayers.GetValue("agent.resourceClasses"));

        var tokenFileErrors = TokenFiles.Inline(tree);
        var result = SchedulerConfigReader.Read(tree);
        if (tokenFileErrors.Count > 0)
            result = new ConfigLoadResult(null, [.. tokenFileErrors, .. result.Errors]);
        return new LoadedConfig(result, merged);
    }

    /// <summary><paramref name="top"/> over <paramref name="bottom"/>; Akka refuses <c>Config.Empty</c> as its own fallback.</summary>
    private static Akka.Configuration.Config Layer(Akka.Configuration.Config top, Akka.Configuration.Config bottom) =>
        top.IsEmpty ? bottom : bottom.IsEmpty ? top : top.WithFallback(bottom);

    private static Akka.Configuration.Config ParseFile(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"config file not found: {Path.GetFullPath(path)}");
        return ConfigurationFactory.ParseString(File.ReadAllText(path));
    }
}
