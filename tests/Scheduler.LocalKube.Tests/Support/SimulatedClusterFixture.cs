using Scheduler.LocalKube;

namespace Scheduler.LocalKube.Tests.Support;

/// <summary>A LocalKube whose kubelet is a <see cref="RecordingKubelet"/>: the API server and scheduler without processes.</summary>
public class SimulatedClusterFixture : LocalKubeFixture
{
    public RecordingKubelet Kubelet { get; private set; } = null!;

    protected override void ConfigureOptions(LocalKubeOptions options)
    {
        options.KubeletFactory = (cluster, _) => Kubelet = new RecordingKubelet(cluster);
    }
}
