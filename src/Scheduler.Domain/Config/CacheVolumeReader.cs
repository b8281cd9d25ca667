using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Scheduler.Domain.Pods;

namespace Scheduler.Domain.Config;

/// <summary>
/// Reads a resource class's <c>cache</c>: <c>{persistentVolumeClaim: {claimName: NAME}}</c> (or the short
/// <c>{persistentVolumeClaim: NAME}</c>) or <c>{emptyDir: {}}</c>.
/// </summary>
internal static partial class CacheVolumeReader
{
    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")]
    private static partial Regex ClaimName();

    public static CacheVolume? Read(ConfigSection resourceClass)
    {
        if (resourceClass.Raw("cache") is null)
            return null;
        var cache = resourceClass.Section("cache");
        var claim = cache.Raw("persistentVolumeClaim");
        var emptyDir = cache.Raw("emptyDir");
        cache.ReportUnknownKeys();
        if ((claim is null) == (emptyDir is null))
        {
            resourceClass.Error("cache", "must be either {persistentVolumeClaim {claimName = NAME}} or {emptyDir {}}");
            return null;
        }
        if (emptyDir is not null)
            return emptyDir is JsonObject ? CacheVolume.EmptyDir : Invalid(cache, "emptyDir", "must be an object ({})");

        string? name = null;
        if (claim is JsonValue value)
            name = value.ToString();
        else if (claim is JsonObject)
        {
            var source = cache.Section("persistentVolumeClaim");
            name = source.OptionalString("claimName");
            source.ReportUnknownKeys();
        }
        return name is not null && ClaimName().IsMatch(name)
            ? new CacheVolume(name)
            : Invalid(cache, "persistentVolumeClaim", $"needs a claimName that is a DNS-1123 subdomain, got \"{name}\"");
    }

    private static CacheVolume? Invalid(ConfigSection cache, string name, string message)
    {
        cache.Error(name, message);
        return null;
    }
}
