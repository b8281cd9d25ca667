using Scheduler.Kube.Tests.Support;
using Scheduler.Kube.Watch;
using Scheduler.LocalKube;
using Scheduler.LocalKube.Faults;

namespace Scheduler.Kube.Tests.Integration;

public sealed class SharedPodWatchRelistTests : PodWatchTestBase
{
    // Small history, so a watch that is down for a few changes must re-list.
    protected override void ConfigureServer(LocalKubeOptions options) => options.WatchHistorySize = 5;

    [Fact]
    public async Task Relists_on_410_and_reports_what_changed_while_it_was_away()
    {
        var stays = await Gateway.CreatePodAsync(Pod(UniqueName("stays"), "job-1"), Timeout);
        var leaves = await Gateway.CreatePodAsync(Pod(UniqueName("leaves"), "job-2"), Timeout);
        await PodWatch.StartAsync(Timeout);

        // Keep the watch down while more changes than the server's history happen.
        Server.Faults.FailFraction(1.0, FaultKind.InternalError, "watch", "pods");
        Server.Faults.CloseWatches();
        await Eventually.TrueAsync(() => PodWatch.WatchCount >= 2, "the watch to try to come back");
        await Gateway.DeletePodAsync(leaves.Metadata.Name, TimeSpan.Zero, Timeout);
        var arrived = UniqueName("arrived");
        await Gateway.CreatePodAsync(Pod(arrived, "job-3"), Timeout);
        for (var i = 0; i < 6; i++) await Gateway.DeletePodAsync(
            (await Gateway.CreatePodAsync(Pod(UniqueName("churn"), "churn"), Timeout)).Metadata.Name, TimeSpan.Zero, Timeout);
        Server.Faults.Clear();

        await PodWatch.WaitForAsync(arrived, p => p is not null, Timeout);
        await PodWatch.WaitForAsync(leaves.Metadata.Name, p => p is null, Timeout);

        Assert.Equal(2, PodWatch.ListCount);
        Assert.NotNull(PodWatch.Get(stays.Metadata.Name));
        Assert.Contains(Changes, c => c.Kind == PodChangeKind.Deleted && c.Name == leaves.Metadata.Name);
    }
}
