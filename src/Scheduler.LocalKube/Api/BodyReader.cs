using System.Text.Json;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using Scheduler.LocalKube.Resources;
using YamlDotNet.Core;

namespace Scheduler.LocalKube.Api;

/// <summary>Reads request bodies as JSON or YAML; anything that does not decode is a 400 BadRequest.</summary>
internal static class BodyReader
{
    public static async Task<string> ReadTextAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
    }

    public static bool IsYaml(HttpRequest request) =>
        request.ContentType?.Contains("yaml", StringComparison.OrdinalIgnoreCase) == true;

    public static async Task<IKubernetesObject<V1ObjectMeta>> ReadObjectAsync(HttpRequest request, ResourceKind kind)
    {
        var text = await ReadTextAsync(request);
        if (string.IsNullOrWhiteSpace(text)) throw StatusException.BadRequest("the request body is empty");
        return Decode(() => IsYaml(request) ? kind.FromYaml(text) : kind.FromJson(text));
    }

    public static async Task<V1DeleteOptions?> ReadDeleteOptionsAsync(HttpRequest request)
    {
        var text = await ReadTextAsync(request);
        if (string.IsNullOrWhiteSpace(text)) return null;
        return Decode(() => IsYaml(request) ? KubernetesYaml.Deserialize<V1DeleteOptions>(text) : KubernetesJson.Deserialize<V1DeleteOptions>(text));
    }

    public static T Decode<T>(Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (Exception e) when (e is JsonException or YamlException or FormatException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            throw StatusException.BadRequest($"the body of the request was in an unknown format or could not be decoded: {e.Message}");
        }
    }
}
