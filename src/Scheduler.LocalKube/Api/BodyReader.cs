using System.Text.Json;
using Google.Protobuf;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using Scheduler.LocalKube.Resources;
using YamlDotNet.Core;

namespace Scheduler.LocalKube.Api;

/// <summary>Reads request bodies as JSON, YAML or Kubernetes protobuf; anything that does not decode is a 400 BadRequest.</summary>
internal static class BodyReader
{
    public static async Task<string> ReadTextAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
    }

    private static async Task<byte[]> ReadBytesAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }

    public static bool IsYaml(HttpRequest request) =>
        request.ContentType?.Contains("yaml", StringComparison.OrdinalIgnoreCase) == true;

    public static async Task<IKubernetesObject<V1ObjectMeta>> ReadObjectAsync(HttpRequest request, ResourceKind kind, string? subresource)
    {
        if (ProtobufBody.Is(request))
        {
            var bytes = await ReadBytesAsync(request);
            if (bytes.Length == 0) throw StatusException.BadRequest("the request body is empty");
            return kind.Stamp(Decode(() => ProtobufBody.ReadObject(bytes, kind, subresource)));
        }
        var text = await ReadTextAsync(request);
        if (string.IsNullOrWhiteSpace(text)) throw StatusException.BadRequest("the request body is empty");
        return Decode(() => IsYaml(request) ? kind.FromYaml(text) : kind.FromJson(text));
    }

    public static async Task<V1DeleteOptions?> ReadDeleteOptionsAsync(HttpRequest request)
    {
        if (ProtobufBody.Is(request))
        {
            var bytes = await ReadBytesAsync(request);
            return bytes.Length == 0 ? null : Decode(() => ProtobufBody.ReadDeleteOptions(bytes));
        }
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
        catch (Exception e) when (e is JsonException or YamlException or FormatException or InvalidOperationException or NotSupportedException or ArgumentException or InvalidProtocolBufferException)
        {
            throw StatusException.BadRequest($"the body of the request was in an unknown format or could not be decoded: {e.Message}");
        }
    }
}
