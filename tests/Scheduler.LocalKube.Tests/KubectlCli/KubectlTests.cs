using System.Text.Json.Nodes;
using k8s;
using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.KubectlCli;

/// <summary>The real kubectl 1.32 against LocalKube with only --kubeconfig. Pods run as real processes.</summary>
public sealed class KubectlTests : IAsyncLifetime
{
    private LocalKubeFixture _cluster = null!;
    private string _directory = null!;

    private Kubectl Kubectl => _cluster.Kubectl;

    public async Task InitializeAsync()
    {
        _cluster = await LocalKubeFixture.StartAsync();
        _directory = Directory.CreateTempSubdirectory("kubectl-test-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Apply_then_get_json_shows_the_pod()
    {
        var file = WritePod("applied", "app: demo");
        var apply = await Kubectl.RunAsync("apply", "-f", file);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains("pod/applied created", apply.Stdout);

        var get = await Kubectl.RunAsync("get", "pod", "applied", "-o", "json");
        Assert.True(get.ExitCode == 0, get.ToString());
        var pod = JsonNode.Parse(get.Stdout)!;
        Assert.Equal("applied", (string?)pod["metadata"]!["name"]);
        Assert.Equal("demo", (string?)pod["metadata"]!["labels"]!["app"]);

        var reapply = await Kubectl.RunAsync("apply", "-f", WritePod("applied", "app: demo2"));
        Assert.True(reapply.ExitCode == 0, reapply.ToString());
        Assert.Equal("demo2", (await _cluster.Client.CoreV1.ReadNamespacedPodAsync("applied", "default")).Metadata.Labels["app"]);
    }

    [Fact]
    public async Task Get_prints_a_table()
    {
        await Kubectl.RunAsync("apply", "-f", WritePod("tabled", "app: t"));
        var get = await Kubectl.RunAsync("get", "pods");
        Assert.True(get.ExitCode == 0, get.ToString());
        var lines = get.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$", lines[0]);
        Assert.Matches(@"^tabled\s+\d/1\s+\w+\s+0\s+\d+s$", lines[1]);
    }

    [Fact]
    public async Task Delete_by_label_removes_only_matching_pods()
    {
        await Kubectl.RunAsync("apply", "-f", WritePod("keep-me", "group: b"));
        await Kubectl.RunAsync("apply", "-f", WritePod("drop-me", "group: a"));
        var delete = await Kubectl.RunAsync("delete", "pods", "-l", "group=a", "--grace-period=1");
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Contains("pod \"drop-me\" deleted", delete.Stdout);

        var left = await _cluster.Client.CoreV1.ListNamespacedPodAsync("default");
        Assert.Equal(["keep-me"], left.Items.Select(p => p.Metadata.Name));
    }

    [Fact]
    public async Task Get_watch_prints_changes_as_they_happen()
    {
        await Kubectl.RunAsync("apply", "-f", WritePod("first", "app: w"));
        await using var watch = Kubectl.Start("get", "pods", "-w");
        await watch.WaitForLineAsync(line => line.StartsWith("first", StringComparison.Ordinal));
        await Kubectl.RunAsync("apply", "-f", WritePod("watched", "app: w"));
        var line = await watch.WaitForLineAsync(l => l.StartsWith("watched", StringComparison.Ordinal));
        Assert.Matches(@"^watched\s+\d/1\s+\w+", line);
    }

    [Fact]
    public async Task Label_taint_and_cordon_change_the_node()
    {
        Assert.Equal(0, (await Kubectl.RunAsync("label", "node", "localkube-node", "disk=ssd")).ExitCode);
        Assert.Equal(0, (await Kubectl.RunAsync("taint", "node", "localkube-node", "dedicated=ci:NoSchedule")).ExitCode);
        var cordon = await Kubectl.RunAsync("cordon", "localkube-node");
        Assert.True(cordon.ExitCode == 0, cordon.ToString());

        var node = await _cluster.Client.CoreV1.ReadNodeAsync("localkube-node");
        Assert.Equal("ssd", node.Metadata.Labels["disk"]);
        var taint = Assert.Single(node.Spec.Taints);
        Assert.Equal(("dedicated", "ci", "NoSchedule"), (taint.Key, taint.Value, taint.Effect));
        Assert.True(node.Spec.Unschedulable);
        var nodes = await Kubectl.RunAsync("get", "nodes");
        Assert.Contains("Ready,SchedulingDisabled", nodes.Stdout);

        Assert.Equal(0, (await Kubectl.RunAsync("taint", "node", "localkube-node", "dedicated=ci:NoSchedule-")).ExitCode);
        Assert.Equal(0, (await Kubectl.RunAsync("uncordon", "localkube-node")).ExitCode);
        node = await _cluster.Client.CoreV1.ReadNodeAsync("localkube-node");
        Assert.True(node.Spec.Taints is null || node.Spec.Taints.Count == 0);
        Assert.NotEqual(true, node.Spec.Unschedulable);
    }

    [Fact]
    public async Task Bad_manifest_is_rejected_with_the_servers_reason()
    {
        var file = Path.Combine(_directory, "bad.yaml");
        await File.WriteAllTextAsync(file, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: no-containers\nspec:\n  containers: []\n");
        var apply = await Kubectl.RunAsync("apply", "-f", file);
        Assert.NotEqual(0, apply.ExitCode);
        Assert.Contains("spec.containers: Required value", apply.Stderr);
    }

    private string WritePod(string name, string label)
    {
        var file = Path.Combine(_directory, $"{name}-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, $"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: {name}
              labels:
                {label}
            spec:
              restartPolicy: Never
              containers:
              - name: main
                image: busybox:1.36
                command: ["sh", "-c", "sleep 30"]
            """);
        return file;
    }
}
