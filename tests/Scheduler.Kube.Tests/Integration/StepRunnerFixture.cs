using Scheduler.Kube.Tests.Support;

namespace Scheduler.Kube.Tests.Integration;

/// <summary>One LocalKube with a running sleep pod (exec) for the step-runner tests; attach tests make their own shell pods.</summary>
public sealed class StepRunnerFixture : KubeTestCluster
{
    public string ExecPod { get; } = UniqueName("exec");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Gateway.CreatePodAsync(StepPod(ExecPod, "job-exec", attach: false), CancellationToken.None);
        await WaitRunningAsync(ExecPod);
    }

    public async Task WaitRunningAsync(string name)
    {
        await Eventually.TrueAsync(
            async () => (await Gateway.GetPodAsync(name, CancellationToken.None))?.Status?.Phase == "Running",
            $"pod {name} to run",
            TimeSpan.FromSeconds(20));
    }
}
