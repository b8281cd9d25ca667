using System.Text;
using System.Text.Json.Nodes;
using k8s;
using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Api;

/// <summary>Requests with <c>Content-Type: application/vnd.kubernetes.protobuf</c>, as client-go's typed clients send them.</summary>
public sealed class ProtobufBodyTests(SimulatedClusterFixture cluster) : IClassFixture<SimulatedClusterFixture>, IDisposable
{
    private const string Protobuf = "application/vnd.kubernetes.protobuf";

    private readonly RawApi _raw = new(cluster.Server.BaseUri);

    private IKubernetes Client => cluster.Client;

    public void Dispose() => _raw.Dispose();

    private static byte[] Secret(string name, string value) => ProtoMessage.Envelope("v1", "Secret", m => m
        .Message(1, meta => meta.String(1, name).String(2, "").String(3, ""))
        .Entry(2, "k", Encoding.UTF8.GetBytes(value))
        .String(3, ""));

    private static byte[] ConfigMap(string name, string value, string? resourceVersion = null) => ProtoMessage.Envelope("v1", "ConfigMap", m => m
        .Message(1, meta => meta.String(1, name).String(6, resourceVersion ?? ""))
        .Entry(2, "a", value));

    [Fact]
    public async Task Protobuf_secret_is_created_and_answered_as_json()
    {
        var name = Objects.UniqueName("s");
        var (code, body, response) = await _raw.SendBytesAsync(HttpMethod.Post, "/api/v1/namespaces/default/secrets", Secret(name, "v"), Protobuf);

        Assert.Equal(201, code);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(name, (string?)body?["metadata"]?["name"]);
        var stored = await Client.CoreV1.ReadNamespacedSecretAsync(name, "default");
        Assert.Equal("v", Encoding.UTF8.GetString(stored.Data["k"]));
        Assert.Equal("Opaque", stored.Type);
    }

    [Fact]
    public async Task Protobuf_configmap_update_replaces_the_data()
    {
        var name = Objects.UniqueName("c");
        var (created, body, _) = await _raw.SendBytesAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", ConfigMap(name, "1"), Protobuf);
        Assert.Equal(201, created);

        var version = (string)body!["metadata"]!["resourceVersion"]!;
        var (updated, _, _) = await _raw.SendBytesAsync(HttpMethod.Put, $"/api/v1/namespaces/default/configmaps/{name}", ConfigMap(name, "2", version), Protobuf);
        Assert.Equal(200, updated);
        Assert.Equal("2", (await Client.CoreV1.ReadNamespacedConfigMapAsync(name, "default")).Data["a"]);

        var (stale, status, _) = await _raw.SendBytesAsync(HttpMethod.Put, $"/api/v1/namespaces/default/configmaps/{name}", ConfigMap(name, "3", version), Protobuf);
        Assert.Equal(409, stale);
        Assert.Equal("Conflict", (string?)status?["reason"]);
    }

    [Fact]
    public async Task Protobuf_pod_is_defaulted_and_scheduled()
    {
        var name = Objects.UniqueName("p");
        var pod = ProtoMessage.Envelope("v1", "Pod", m => m
            .Message(1, meta => meta.String(1, name))
            .Message(2, spec => spec
                .Message(2, container => container.String(1, "main").String(2, "busybox").String(3, "true")
                    .Message(8, resources => resources.QuantityEntry(1, "cpu", "100m")))
                .String(3, "Never")));
        var (code, _, _) = await _raw.SendBytesAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", pod, Protobuf);
        Assert.Equal(201, code);

        var scheduled = await Eventually.UntilAsync(
            () => Client.CoreV1.ReadNamespacedPodAsync(name, "default"), p => p.Spec.NodeName is not null, "the pod to be scheduled");
        Assert.Equal("100m", scheduled.Spec.Containers[0].Resources.Requests["cpu"].ToString());
        Assert.Equal("Burstable", scheduled.Status.QosClass);
    }

    [Fact]
    public async Task Protobuf_delete_options_preconditions_are_checked()
    {
        var name = Objects.UniqueName("s");
        var created = await Client.CoreV1.CreateNamespacedSecretAsync(Objects.Secret(name), "default");
        byte[] Options(string uid) => ProtoMessage.Envelope("meta.k8s.io/v1", "DeleteOptions", m => m.Message(2, p => p.String(1, uid)));

        var (wrong, status, _) = await _raw.SendBytesAsync(HttpMethod.Delete, $"/api/v1/namespaces/default/secrets/{name}", Options("not-the-uid"), Protobuf);
        Assert.Equal(409, wrong);
        Assert.Contains("Precondition failed: UID in precondition: not-the-uid", (string?)status?["message"]);

        var (right, _, _) = await _raw.SendBytesAsync(HttpMethod.Delete, $"/api/v1/namespaces/default/secrets/{name}", Options(created.Metadata.Uid), Protobuf);
        Assert.Equal(200, right);
    }

    public static TheoryData<string, byte[], string> UndecodableBodies()
    {
        var valid = Secret("s", "v");
        return new()
        {
            { "truncated", valid[..(valid.Length / 2)], "the input ended unexpectedly" },
            { "garbage after the prefix", [.. "k8s\0"u8, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], "malformed varint" },
            { "no k8s prefix", Encoding.UTF8.GetBytes("{\"kind\":\"Secret\"}"), "must start with the bytes" },
            { "wrong wire type", ProtoMessage.Envelope("v1", "Secret", m => m.Varint(1, 5)), "protobuf field 1 has wire type Varint, expected LengthDelimited" },
            { "another kind", ConfigMap("c", "1"), "the body is a v1 ConfigMap, not a v1 Secret" },
        };
    }

    [Theory]
    [MemberData(nameof(UndecodableBodies))]
    public async Task Undecodable_protobuf_is_400_and_a_good_body_still_decodes(string what, byte[] body, string message)
    {
        var (code, status, _) = await _raw.SendBytesAsync(HttpMethod.Post, "/api/v1/namespaces/default/secrets", body, Protobuf);

        Assert.True(code == 400, $"{what}: {code} {status}");
        Assert.Equal("BadRequest", (string?)status?["reason"]);
        Assert.Contains("could not be decoded", (string?)status?["message"]);
        Assert.Contains(message, (string?)status?["message"]);
        var (created, _, _) = await _raw.SendBytesAsync(HttpMethod.Post, "/api/v1/namespaces/default/secrets", Secret(Objects.UniqueName("s"), "v"), Protobuf);
        Assert.Equal(201, created);
    }

    [Fact]
    public async Task Protobuf_for_a_status_subresource_or_an_undecoded_kind_is_415()
    {
        var (status, statusBody, _) = await _raw.SendBytesAsync(HttpMethod.Put, "/api/v1/nodes/localkube-node/status",
            ProtoMessage.Envelope("v1", "Node", m => m.Message(1, meta => meta.String(1, "localkube-node"))), Protobuf);
        AssertUnsupported(status, statusBody, "not for nodes/status");

        var (kind, kindBody, _) = await _raw.SendBytesAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods",
            ProtoMessage.Envelope("v1", "Service", m => m.Message(1, meta => meta.String(1, "svc"))), Protobuf);
        AssertUnsupported(kind, kindBody, "not for kind Service");
    }

    private static void AssertUnsupported(int code, JsonNode? body, string message)
    {
        Assert.Equal(415, code);
        Assert.Equal("UnsupportedMediaType", (string?)body?["reason"]);
        Assert.Contains(message, (string?)body?["message"]);
    }
}
