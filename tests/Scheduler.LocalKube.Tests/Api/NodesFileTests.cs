using k8s;
using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Api;

public sealed class NodesFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nodes-file-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("""
        - metadata: {name: small, labels: {pool: a}}
          spec: {taints: [{key: k, value: v, effect: NoSchedule}]}
          status: {capacity: {cpu: "2", memory: 4Gi, pods: "10"}}
        - metadata: {name: big}
        """)]
    [InlineData("""
        apiVersion: v1
        kind: NodeList
        items:
        - metadata: {name: small, labels: {pool: a}}
          spec: {taints: [{key: k, value: v, effect: NoSchedule}]}
          status: {capacity: {cpu: "2", memory: 4Gi, pods: "10"}}
        - metadata: {name: big}
        """)]
    public async Task Nodes_come_from_the_file_with_defaults_filled_in(string yaml)
    {
        var file = Path.Combine(_directory, "nodes.yaml");
        await File.WriteAllTextAsync(file, yaml);
        await using var cluster = await LocalKubeFixture.StartAsync(o =>
        {
            o.NodesFile = file;
            o.KubeletFactory = (c, _) => new RecordingKubelet(c);
        });

        var nodes = (await cluster.Client.CoreV1.ListNodeAsync()).Items.ToDictionary(n => n.Metadata.Name);
        Assert.Equal(["big", "small"], nodes.Keys.Order());
        var small = nodes["small"];
        Assert.Equal("a", small.Metadata.Labels["pool"]);
        Assert.Equal("k", Assert.Single(small.Spec.Taints).Key);
        Assert.Equal(2m, small.Status.Allocatable["cpu"].ToDecimal());
        Assert.Contains(small.Status.Conditions, c => c.Type == "Ready" && c.Status == "True");
        Assert.Equal(8m, nodes["big"].Status.Allocatable["cpu"].ToDecimal());
    }
}
