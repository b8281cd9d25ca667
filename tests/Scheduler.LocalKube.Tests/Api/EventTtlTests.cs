using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Api;

/// <summary>kube-apiserver's --event-ttl: Events are deleted (DELETED on watches) once their TTL has passed.</summary>
public sealed class EventTtlTests
{
    private static readonly TimeSpan ShortTtl = TimeSpan.FromMilliseconds(500);

    [Fact]
    public void Events_live_one_hour_by_default_like_kube_apiserver()
    {
        Assert.Equal(TimeSpan.FromHours(1), new LocalKubeOptions().EventTtl);
    }

    [Fact]
    public async Task An_expired_event_is_deleted_and_watchers_see_DELETED()
    {
        await using var kube = await LocalKubeFixture.StartAsync(o => o.EventTtl = ShortTtl);
        var created = await kube.Client.CoreV1.CreateNamespacedEventAsync(Event("ttl-probe"), "default");

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await using var events = kube.Client.CoreV1.WatchListNamespacedEventAsync(
            "default", fieldSelector: "involvedObject.name=ttl-probe", resourceVersion: created.Metadata.ResourceVersion,
            cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal((WatchEventType.Deleted, created.Metadata.Name), (events.Current.Item1, events.Current.Item2.Metadata.Name));

        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => kube.Client.CoreV1.ReadNamespacedEventAsync(created.Metadata.Name, "default"));
        Assert.Equal(HttpStatusCode.NotFound, gone.Response.StatusCode);
    }

    [Fact]
    public async Task Events_the_kubelet_records_for_a_pod_expire_too_and_nothing_stays_tracked()
    {
        await using var kube = await LocalKubeFixture.StartAsync(o => o.EventTtl = ShortTtl);
        var name = Objects.UniqueName("ttl-pod");
        await kube.Client.CoreV1.CreateNamespacedPodAsync(Objects.Pod(name, command: "exit 0"), "default");
        await Eventually.UntilAsync(() => kube.Client.CoreV1.ReadNamespacedPodAsync(name, "default"), p => p.Status?.Phase == "Succeeded", "pod finished");
        await kube.Client.CoreV1.DeleteNamespacedPodAsync(name, "default");

        await Eventually.UntilAsync(
            async () => (await kube.Client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: $"involvedObject.name={name}")).Items.Count,
            count => count == 0, "the pod's events to expire");
        await Eventually.UntilAsync(() => kube.Server.EventExpiry!.Tracked == 0, "the expiry schedule to empty");
    }

    [Fact]
    public async Task An_infinite_ttl_keeps_events()
    {
        await using var kube = await LocalKubeFixture.StartAsync(o => o.EventTtl = Timeout.InfiniteTimeSpan);
        await kube.Client.CoreV1.CreateNamespacedEventAsync(Event("kept"), "default");

        Assert.Null(kube.Server.EventExpiry);
        Assert.Single((await kube.Client.CoreV1.ListNamespacedEventAsync("default")).Items);
    }

    private static Corev1Event Event(string involvedName) => new()
    {
        Metadata = new V1ObjectMeta { GenerateName = involvedName + "." },
        InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = involvedName, NamespaceProperty = "default" },
        Reason = "Probe",
        Message = "event ttl test",
        Type = "Normal",
    };
}
