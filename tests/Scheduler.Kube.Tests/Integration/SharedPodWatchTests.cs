using Scheduler.Kube.Tests.Support;
using Scheduler.Kube.Watch;

namespace Scheduler.Kube.Tests.Integration;

public sealed class SharedPodWatchTests : PodWatchTestBase
{
    [Fact]
    public async Task Start_lists_what_already_exists()
    {
        var existing = await Gateway.CreatePodAsync(Pod(UniqueName("pre"), "job-1"), Timeout);

        await PodWatch.StartAsync(Timeout);

        Assert.Equal(existing.Metadata.Uid, PodWatch.Get(existing.Metadata.Name)!.Metadata.Uid);
        Assert.Contains(Changes, c => c.Kind == PodChangeKind.Added && c.Name == existing.Metadata.Name);
    }

    [Fact]
    public async Task Sees_a_pod_created_run_and_deleted_without_listing_again()
    {
        await PodWatch.StartAsync(Timeout);
        var name = UniqueName("life");

        var running = PodWatch.WaitForAsync(name, p => p?.Status?.Phase == "Running", Timeout);
        await Gateway.CreatePodAsync(Pod(name, "job-1"), Timeout);
        Assert.Equal("Running", (await running)!.Status.Phase);

        var gone = PodWatch.WaitForAsync(name, p => p is null, Timeout);
        await Gateway.DeletePodAsync(name, TimeSpan.Zero, Timeout);
        await gone;

        Assert.Equal(
            [PodChangeKind.Added, PodChangeKind.Deleted],
            Changes.Where(c => c.Name == name).Select(c => c.Kind).Where(k => k != PodChangeKind.Modified).ToArray());
        Assert.Equal(1, PodWatch.ListCount);
        Assert.Single(Requests.All, r => r.StartsWith("GET ") && r.Contains("/pods?") && !r.Contains("watch=true"));
    }

    [Fact]
    public async Task Resumes_after_the_server_closes_the_watch()
    {
        await PodWatch.StartAsync(Timeout);
        var before = UniqueName("before-close");
        var live = PodWatch.WaitForAsync(before, p => p is not null, Timeout);
        await Gateway.CreatePodAsync(Pod(before, "job-1"), Timeout);
        await live; // the first watch is established and delivering

        Server.Faults.CloseWatches();
        await Eventually.TrueAsync(() => PodWatch.WatchCount >= 2, "the watch to be reopened");
        var after = UniqueName("after-close");
        var seen = PodWatch.WaitForAsync(after, p => p is not null, Timeout);
        await Gateway.CreatePodAsync(Pod(after, "job-2"), Timeout);
        await seen;

        Assert.Equal(1, PodWatch.ListCount);
    }
}
