using System.Text.Json.Nodes;
using k8s;
using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.KubectlCli;

/// <summary>
/// kubectl commands built on client-go's typed clients send their objects as protobuf
/// (<c>Content-Type: application/vnd.kubernetes.protobuf</c>) and do not fall back to JSON on a 415.
/// </summary>
public sealed class KubectlProtobufTests(SimulatedClusterFixture cluster) : IClassFixture<SimulatedClusterFixture>
{
    private Kubectl Kubectl => cluster.Kubectl;

    private async Task<KubectlResult> Succeeds(params string[] args)
    {
        var result = await Kubectl.RunAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    [Fact]
    public async Task Create_secret_generic_then_get_shows_the_data()
    {
        var name = Objects.UniqueName("s");
        var create = await Succeeds("create", "secret", "generic", name, "--from-literal=k=v");
        Assert.Contains($"secret/{name} created", create.Stdout);

        var secret = JsonNode.Parse((await Succeeds("get", "secret", name, "-o", "json")).Stdout)!;
        Assert.Equal("dg==", (string?)secret["data"]!["k"]);
        Assert.Equal("Opaque", (string?)secret["type"]);
    }

    [Fact]
    public async Task Create_configmap_then_get_cm_prints_and_shows_it()
    {
        var name = Objects.UniqueName("c");
        var create = await Succeeds("create", "configmap", name, "--from-literal=a=b", "--from-literal=c=d");
        Assert.Contains($"configmap/{name} created", create.Stdout);

        var table = (await Succeeds("get", "cm", name)).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+DATA\s+AGE$", table[0]);
        Assert.Matches($@"^{name}\s+2\s+\d+s$", table[1]);
        var configMap = JsonNode.Parse((await Succeeds("get", "configmap", name, "-o", "json")).Stdout)!;
        Assert.Equal("b", (string?)configMap["data"]!["a"]);

        await Succeeds("delete", "cm", name);
        Assert.DoesNotContain(name, (await Succeeds("get", "cm")).Stdout);
    }

    [Fact]
    public async Task Create_namespace_then_get_shows_it_active()
    {
        var name = Objects.UniqueName("ns");
        var create = await Succeeds("create", "namespace", name);
        Assert.Contains($"namespace/{name} created", create.Stdout);

        var ns = JsonNode.Parse((await Succeeds("get", "namespace", name, "-o", "json")).Stdout)!;
        Assert.Equal("Active", (string?)ns["status"]!["phase"]);
        Assert.Equal(["kubernetes"], ns["spec"]!["finalizers"]!.AsArray().Select(f => (string?)f));
        await Succeeds("delete", "namespace", name);
    }

    [Fact]
    public async Task Debug_node_creates_its_pod_from_protobuf()
    {
        var debug = await Succeeds("debug", "node/localkube-node", "--image=busybox", "--profile=general", "--", "true");
        Assert.Contains("Creating debugging pod node-debugger-localkube-node-", debug.Stdout);

        var pods = await cluster.Client.CoreV1.ListNamespacedPodAsync("default");
        var pod = Assert.Single(pods.Items, p => p.Metadata.Name.StartsWith("node-debugger-localkube-node-", StringComparison.Ordinal));
        Assert.Equal("localkube-node", pod.Spec.NodeName);
        Assert.True(pod.Spec.HostPID);
        Assert.True(pod.Spec.HostNetwork);
        Assert.Equal("Never", pod.Spec.RestartPolicy);
        Assert.Equal("Exists", Assert.Single(pod.Spec.Tolerations).OperatorProperty);
        Assert.Equal("/", Assert.Single(pod.Spec.Volumes).HostPath.Path);
        var container = Assert.Single(pod.Spec.Containers);
        Assert.Equal(("debugger", "busybox"), (container.Name, container.Image));
        Assert.Equal(["true"], container.Command);
        Assert.Equal("/host", Assert.Single(container.VolumeMounts).MountPath);
        await cluster.Client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, "default", gracePeriodSeconds: 0);
    }
}
