using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Api;

/// <summary>The bad-input table: each gets a Status with the right code and reason, and the server keeps serving.</summary>
public sealed class ErrorTests(SimulatedClusterFixture cluster) : IClassFixture<SimulatedClusterFixture>, IDisposable
{
    private readonly RawApi _raw = new(cluster.Server.BaseUri);

    public void Dispose() => _raw.Dispose();

    private static void AssertStatus(JsonNode? body, int code, string reason)
    {
        Assert.NotNull(body);
        Assert.Equal("Status", (string?)body["kind"]);
        Assert.Equal("v1", (string?)body["apiVersion"]);
        Assert.Equal("Failure", (string?)body["status"]);
        Assert.Equal(code, (int?)body["code"]);
        Assert.Equal(reason, (string?)body["reason"]);
    }

    [Theory]
    [InlineData("{\"metadata\": {\"name\": ", "application/json")]
    [InlineData("metadata: [unclosed", "application/yaml")]
    public async Task Malformed_body_is_400(string body, string type)
    {
        var (code, json, _) = await _raw.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", body, type);
        Assert.Equal(400, code);
        AssertStatus(json, 400, "BadRequest");
        await AssertStillServing();
    }

    [Fact]
    public async Task Yaml_bodies_are_accepted()
    {
        var name = Objects.UniqueName("yaml");
        var yaml = $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: {name}\nstringData:\n  k: v\n";
        var (code, json, _) = await _raw.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/secrets", yaml, "application/yaml");
        Assert.Equal(201, code);
        Assert.Equal(name, (string?)json?["metadata"]?["name"]);
    }

    [Fact]
    public async Task Pod_without_containers_is_422_with_causes()
    {
        var pod = Objects.Pod("empty");
        pod.Spec.Containers = [];
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Client.CoreV1.CreateNamespacedPodAsync(pod, "default"));
        var body = JsonNode.Parse(error.Response.Content);
        AssertStatus(body, 422, "Invalid");
        Assert.Equal("spec.containers", (string?)body!["details"]!["causes"]![0]!["field"]);
        Assert.Equal("Pod", (string?)body["details"]!["kind"]);
    }

    [Fact]
    public async Task Missing_image_and_bad_name_are_422_with_field_paths()
    {
        var pod = Objects.Pod("Bad_Name");
        pod.Spec.Containers[0].Image = null;
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Client.CoreV1.CreateNamespacedPodAsync(pod, "default"));
        var body = JsonNode.Parse(error.Response.Content);
        AssertStatus(body, 422, "Invalid");
        var fields = body!["details"]!["causes"]!.AsArray().Select(c => (string?)c!["field"]).ToList();
        Assert.Equal(["metadata.name", "spec.containers[0].image"], fields);
    }

    [Fact]
    public async Task Unknown_resource_is_404()
    {
        var (code, json, _) = await _raw.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/widgets");
        AssertStatus(json, 404, "NotFound");
        Assert.Equal(404, code);
        var (otherCode, other, _) = await _raw.SendAsync(HttpMethod.Get, "/apis/apps/v1/deployments");
        Assert.Equal(404, otherCode);
        AssertStatus(other, 404, "NotFound");
    }

    [Fact]
    public async Task Missing_object_is_404_naming_it()
    {
        var (code, json, _) = await _raw.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/pods/nope");
        Assert.Equal(404, code);
        AssertStatus(json, 404, "NotFound");
        Assert.Equal("pods \"nope\" not found", (string?)json!["message"]);
        Assert.Equal("nope", (string?)json["details"]!["name"]);
    }

    [Theory]
    [InlineData("POST", "/api/v1/namespaces/default/pods/some-pod")]
    [InlineData("PUT", "/api/v1/namespaces/default/pods")]
    [InlineData("PATCH", "/api/v1/nodes")]
    [InlineData("POST", "/api/v1")]
    public async Task Wrong_verb_is_405(string method, string path)
    {
        var (code, json, _) = await _raw.SendAsync(new HttpMethod(method), path, "{}");
        Assert.Equal(405, code);
        AssertStatus(json, 405, "MethodNotAllowed");
    }

    [Fact]
    public async Task Duplicate_name_is_409_already_exists()
    {
        var name = Objects.UniqueName("dup");
        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(Objects.Secret(name), "default");
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Client.CoreV1.CreateNamespacedSecretAsync(Objects.Secret(name), "default"));
        var body = JsonNode.Parse(error.Response.Content);
        AssertStatus(body, 409, "AlreadyExists");
        Assert.Equal($"secrets \"{name}\" already exists", (string?)body!["message"]);
    }

    [Fact]
    public async Task Secret_data_that_is_not_base64_is_400()
    {
        var body = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"b64\"},\"data\":{\"k\":\"not base64!!\"}}";
        var (code, json, _) = await _raw.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/secrets", body);
        Assert.Equal(400, code);
        AssertStatus(json, 400, "BadRequest");
    }

    [Fact]
    public async Task Unknown_field_selector_is_400()
    {
        var (code, json, _) = await _raw.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/pods?fieldSelector=spec.foo%3Dbar");
        Assert.Equal(400, code);
        AssertStatus(json, 400, "BadRequest");
        Assert.Equal("field label not supported: spec.foo", (string?)json!["message"]);
    }

    [Fact]
    public async Task Creating_in_a_missing_namespace_is_404()
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Client.CoreV1.CreateNamespacedSecretAsync(Objects.Secret("x"), "no-such-ns"));
        Assert.Equal(404, (int)error.Response.StatusCode);
        Assert.Contains("namespaces \\\"no-such-ns\\\" not found", error.Response.Content);
    }

    private async Task AssertStillServing()
    {
        var (code, _, _) = await _raw.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/pods");
        Assert.Equal(200, code);
    }
}
