using k8s;
using k8s.Models;
using Scheduler.Agent.Jobs;
using Scheduler.Domain.Pods;

namespace Scheduler.Agent.Tests.EndToEnd;

public sealed class ConcurrencyLimitTests : IAsyncLifetime
{
    private AgentFixture _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentFixture.StartAsync(TestClasses.Hocon);

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task Fifty_tasks_on_a_class_limited_to_five_never_have_more_than_five_pods_and_all_succeed()
    {
        var live = new HashSet<string>();
        var most = 0;
        var gate = new object();
        using var watchCts = new CancellationTokenSource();
        var watching = new TaskCompletionSource();
        var watch = _agent.Client.CoreV1.WatchListNamespacedPodAsync(
            "default", labelSelector: SchedulerLabels.ClassSelector(TestClasses.Limited), cancellationToken: watchCts.Token);
        var observer = Task.Run(async () =>
        {
            watching.TrySetResult();
            await foreach (var (type, pod) in watch)
            {
                lock (gate)
                {
                    if (type == WatchEventType.Deleted)
                        live.Remove(pod.Metadata.Name);
                    else if (type is WatchEventType.Added or WatchEventType.Modified)
                        live.Add(pod.Metadata.Name);
                    most = Math.Max(most, live.Count);
                }
            }
        });
        await watching.Task;

        var submitted = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => _agent.SubmitAsync($"""
            resource_class: {TestClasses.Limited}
            steps:
              - name: work
                run: echo task {i}; sleep 0.2
            """)));
        var ended = await Task.WhenAll(submitted.Select(j => _agent.AwaitEndAsync(j.Id, TimeSpan.FromMinutes(4))));
        watchCts.Cancel();
        await observer.ContinueWith(_ => { });

        Assert.All(ended, e => Assert.Equal(JobStates.Succeeded, e.View.State));
        Assert.InRange(most, 1, 5);
        Assert.Equal(0, await _agent.ManagedPodCountAsync());
    }
}
