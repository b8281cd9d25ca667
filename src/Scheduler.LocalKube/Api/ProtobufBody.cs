using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using Scheduler.LocalKube.Protobuf;
using Scheduler.LocalKube.Resources;

namespace Scheduler.LocalKube.Api;

/// <summary>
/// Request bodies in Kubernetes' protobuf encoding, which client-go's typed clients (kubectl create secret/configmap/namespace,
/// kubectl debug) send. Kinds or subresources without a decoder are a 415; anything that does not decode is a FormatException.
/// </summary>
internal static class ProtobufBody
{
    private static readonly Dictionary<string, Func<ProtoReader, IKubernetesObject<V1ObjectMeta>>> Readers = new()
    {
        ["Namespace"] = NamespaceReader.Read,
        ["Pod"] = PodReader.Read,
        ["Secret"] = SecretReader.Read,
        ["ConfigMap"] = ConfigMapReader.Read,
        ["Node"] = NodeReader.Read,
        ["Event"] = EventReader.Read,
    };

    public static bool Is(HttpRequest request) =>
        request.ContentType?.StartsWith(ProtobufEnvelope.MediaType, StringComparison.OrdinalIgnoreCase) == true;

    public static IKubernetesObject<V1ObjectMeta> ReadObject(byte[] body, ResourceKind kind, string? subresource)
    {
        if (subresource is not null) throw Unsupported($"{kind.Plural}/{subresource} (the status is decoded from JSON only)");
        var envelope = ProtobufEnvelope.Read(body);
        if (!Readers.TryGetValue(envelope.Kind, out var read)) throw Unsupported($"kind {envelope.Kind}");
        if (envelope.Kind != kind.Kind || envelope.ApiVersion != "v1")
            throw new FormatException($"the body is a {envelope.ApiVersion} {envelope.Kind}, not a v1 {kind.Kind}");
        return read(new ProtoReader(envelope.Raw));
    }

    public static V1DeleteOptions ReadDeleteOptions(byte[] body)
    {
        var envelope = ProtobufEnvelope.Read(body);
        if (envelope.Kind != "DeleteOptions") throw new FormatException($"the body is a {envelope.Kind}, not DeleteOptions");
        return DeleteOptionsReader.Read(new ProtoReader(envelope.Raw));
    }

    private static StatusException Unsupported(string what) => new(415, "UnsupportedMediaType",
        $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml " +
        $"(LocalKube decodes {ProtobufEnvelope.MediaType} only for {string.Join(", ", Readers.Keys)} and DeleteOptions, not for {what})");
}
