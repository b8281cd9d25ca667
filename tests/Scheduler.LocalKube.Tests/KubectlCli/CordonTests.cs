using k8s;
using k8s.Models;
using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.KubectlCli;

/// <summary>Cordoning LocalKube's node the ways clients do it: a JSON patch, <c>kubectl patch --type=json</c>, <c>kubectl cordon</c>.</summary>
public sealed class CordonTests : IAsyncLifetime
{
    private const string Node = "localkube-node";
    private LocalKubeFixture _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalKubeFixture.StartAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();

    private async Task<bool?> UnschedulableAsync() => (await _cluster.Client.CoreV1.ReadNodeAsync(Node)).Spec.Unschedulable;

    // The apiserver (evanphx/json-patch v4) sets a missing key on replace when its parent object exists.
    [Fact]
    public async Task Json_patch_replace_of_the_absent_unschedulable_cordons_the_node()
    {
        Assert.Null(await UnschedulableAsync());
        var patch = new V1Patch("""[{"op":"replace","path":"/spec/unschedulable","value":true}]""", V1Patch.PatchType.JsonPatch);

        var patched = await _cluster.Client.CoreV1.PatchNodeAsync(patch, Node);

        Assert.True(patched.Spec.Unschedulable);
        Assert.True(await UnschedulableAsync());
    }

    [Fact]
    public async Task Kubectl_patch_type_json_replace_cordons_the_node()
    {
        var result = await _cluster.Kubectl.RunAsync(
            "patch", "node", Node, "--type=json", "-p", """[{"op":"replace","path":"/spec/unschedulable","value":true}]""");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(await UnschedulableAsync());
    }

    [Fact]
    public async Task Kubectl_cordon_and_uncordon_flip_spec_unschedulable()
    {
        var cordon = await _cluster.Kubectl.RunAsync("cordon", Node);
        Assert.True(cordon.ExitCode == 0, cordon.ToString());
        Assert.Contains($"node/{Node} cordoned", cordon.Stdout);
        Assert.True(await UnschedulableAsync());

        var uncordon = await _cluster.Kubectl.RunAsync("uncordon", Node);
        Assert.True(uncordon.ExitCode == 0, uncordon.ToString());
        Assert.Contains($"node/{Node} uncordoned", uncordon.Stdout);
        Assert.NotEqual(true, await UnschedulableAsync());
    }
}
