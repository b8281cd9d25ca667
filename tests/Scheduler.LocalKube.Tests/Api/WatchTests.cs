using k8s;
using k8s.Models;
using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Api;

public sealed class WatchTests(SimulatedClusterFixture cluster) : IClassFixture<SimulatedClusterFixture>, IDisposable
{
    private readonly RawApi _raw = new(cluster.Server.BaseUri);

    public void Dispose() => _raw.Dispose();

    [Fact]
    public async Task Watch_without_version_starts_with_added_for_current_objects_then_streams_changes()
    {
        var run = Objects.UniqueName("w");
        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(Labelled(Objects.Secret($"{run}-a"), run), "default");

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var response = cluster.Client.CoreV1.ListNamespacedSecretWithHttpMessagesAsync("default", labelSelector: $"run={run}", watch: true, cancellationToken: cts.Token);
        await using var events = response.WatchAsync<V1Secret, V1SecretList>(cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);

        Assert.True(await events.MoveNextAsync());
        Assert.Equal((WatchEventType.Added, $"{run}-a"), (events.Current.Item1, events.Current.Item2.Metadata.Name));

        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(Labelled(Objects.Secret($"{run}-b"), run), "default");
        Assert.True(await events.MoveNextAsync());
        Assert.Equal((WatchEventType.Added, $"{run}-b"), (events.Current.Item1, events.Current.Item2.Metadata.Name));

        await cluster.Client.CoreV1.DeleteNamespacedSecretAsync($"{run}-a", "default");
        Assert.True(await events.MoveNextAsync());
        Assert.Equal((WatchEventType.Deleted, $"{run}-a"), (events.Current.Item1, events.Current.Item2.Metadata.Name));
    }

    [Fact]
    public async Task Watch_resumes_after_a_resource_version_without_replaying_older_changes()
    {
        var run = Objects.UniqueName("w");
        var first = await cluster.Client.CoreV1.CreateNamespacedSecretAsync(Labelled(Objects.Secret($"{run}-1"), run), "default");
        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(Labelled(Objects.Secret($"{run}-2"), run), "default");

        using var watch = await _raw.WatchAsync($"/api/v1/namespaces/default/secrets?watch=1&labelSelector=run%3D{run}&resourceVersion={first.Metadata.ResourceVersion}");
        var next = await watch.NextAsync();
        Assert.Equal("ADDED", (string?)next!["type"]);
        Assert.Equal($"{run}-2", (string?)next["object"]!["metadata"]!["name"]);
    }

    [Fact]
    public async Task Too_old_resource_version_gets_an_error_event_with_410_then_the_stream_ends()
    {
        await using var small = await LocalKubeFixture.StartAsync(o => o.WatchHistorySize = 3);
        var first = await small.Client.CoreV1.CreateNamespacedSecretAsync(Objects.Secret("s0"), "default");
        for (var i = 1; i <= 5; i++) await small.Client.CoreV1.CreateNamespacedSecretAsync(Objects.Secret($"s{i}"), "default");

        using var raw = new RawApi(small.Server.BaseUri);
        using var watch = await raw.WatchAsync($"/api/v1/namespaces/default/secrets?watch=true&resourceVersion={first.Metadata.ResourceVersion}");
        Assert.Equal(200, (int)watch.Response.StatusCode);
        var error = await watch.NextAsync();
        Assert.Equal("ERROR", (string?)error!["type"]);
        Assert.Equal(410, (int?)error["object"]!["code"]);
        Assert.Equal("Expired", (string?)error["object"]!["reason"]);
        Assert.Null(await watch.NextAsync());
    }

    [Fact]
    public async Task Bookmarks_carry_the_current_resource_version()
    {
        var created = await cluster.Client.CoreV1.CreateNamespacedSecretAsync(Objects.Secret(Objects.UniqueName("bm")), "default");
        using var watch = await _raw.WatchAsync($"/api/v1/namespaces/default/secrets?watch=true&allowWatchBookmarks=true&resourceVersion={created.Metadata.ResourceVersion}");
        var bookmark = await watch.NextMatchingAsync(e => (string?)e["type"] == "BOOKMARK");
        Assert.Equal("Secret", (string?)bookmark["object"]!["kind"]);
        Assert.True(long.Parse((string)bookmark["object"]!["metadata"]!["resourceVersion"]!) >= long.Parse(created.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task TimeoutSeconds_ends_the_stream_cleanly()
    {
        var started = DateTime.UtcNow;
        using var watch = await _raw.WatchAsync($"/api/v1/namespaces/default/pods?watch=true&timeoutSeconds=1&resourceVersion={await CurrentVersion()}");
        Assert.Null(await watch.NextAsync(TimeSpan.FromSeconds(10)));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9));
    }

    [Fact]
    public async Task Objects_that_stop_or_start_matching_the_selector_are_deleted_or_added()
    {
        var name = Objects.UniqueName("sel");
        var secret = await cluster.Client.CoreV1.CreateNamespacedSecretAsync(Labelled(Objects.Secret(name), "blue"), "default");
        using var watch = await _raw.WatchAsync($"/api/v1/namespaces/default/secrets?watch=true&labelSelector=run%3Dblue&resourceVersion={secret.Metadata.ResourceVersion}");

        await Relabel(name, "green");
        var left = await watch.NextAsync();
        Assert.Equal(("DELETED", name), ((string?)left!["type"], (string?)left["object"]!["metadata"]!["name"]));

        await Relabel(name, "blue");
        var back = await watch.NextAsync();
        Assert.Equal(("ADDED", name), ((string?)back!["type"], (string?)back["object"]!["metadata"]!["name"]));
    }

    [Fact]
    public async Task Field_selector_on_a_watch_filters_events()
    {
        var a = Objects.UniqueName("fa");
        var start = await CurrentVersion();
        using var watch = await _raw.WatchAsync($"/api/v1/namespaces/default/secrets?watch=true&fieldSelector=metadata.name%3D{a}&resourceVersion={start}");
        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(Objects.Secret(Objects.UniqueName("other")), "default");
        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(Objects.Secret(a), "default");
        var first = await watch.NextAsync();
        Assert.Equal(a, (string?)first!["object"]!["metadata"]!["name"]);
    }

    private async Task<string> CurrentVersion() =>
        (await cluster.Client.CoreV1.ListNamespacedSecretAsync("default")).Metadata.ResourceVersion;

    private Task Relabel(string name, string run) =>
        cluster.Client.CoreV1.PatchNamespacedSecretAsync(
            new V1Patch($"{{\"metadata\":{{\"labels\":{{\"run\":\"{run}\"}}}}}}", V1Patch.PatchType.MergePatch), name, "default");

    private static V1Secret Labelled(V1Secret secret, string run)
    {
        secret.Metadata.Labels = new Dictionary<string, string> { ["run"] = run };
        return secret;
    }
}
