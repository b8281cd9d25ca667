using System.Globalization;
using Scheduler.Domain.Jobs;
using Scheduler.Domain.Pods;

namespace Scheduler.Agent.Jobs;

/// <summary>
/// The owner-epoch fence on the job's pod. Before it acts on the pod, an owner makes sure the pod's
/// <see cref="JobLabels.OwnerEpochAnnotation"/> is its own epoch, raising it with a conditional patch after an
/// adoption; an owner that finds a newer epoch there gets <see cref="OwnerSupersededException"/> and must stop.
/// </summary>
public sealed class PodOwnership(JobRuntime runtime)
{
    private int _established;

    public async Task EnsureAsync(JobState state, CancellationToken ct)
    {
        var podName = state.PodName!;
        if (_established == state.OwnerEpoch)
        {
            // Established once; afterwards the shared watch's copy is enough to notice a newer owner.
            ThrowIfNewer(podName, state, runtime.Pods.Get(podName));
            return;
        }

        var pod = await runtime.Gateway.GetPodAsync(podName, ct);
        if (pod is null)
            return; // gone: the action itself reports it
        ThrowIfNewer(podName, state, pod);
        var current = JobLabels.OwnerEpochOf(pod.Metadata.Annotations);
        if (current < state.OwnerEpoch)
        {
            var raised = await runtime.Gateway.SetPodAnnotationIfAsync(
                podName, JobLabels.OwnerEpochAnnotation, current == 0 ? null : Text(current), Text(state.OwnerEpoch), ct);
            if (!raised)
            {
                ThrowIfNewer(podName, state, await runtime.Gateway.GetPodAsync(podName, ct));
                return; // gone, or raised to ours by the same owner's earlier try: decide at the next check
            }
        }
        _established = state.OwnerEpoch;
    }

    private static void ThrowIfNewer(string podName, JobState state, k8s.Models.V1Pod? pod)
    {
        var theirs = JobLabels.OwnerEpochOf(pod?.Metadata.Annotations);
        if (theirs > state.OwnerEpoch)
            throw new OwnerSupersededException(podName, state.OwnerEpoch, theirs);
    }

    private static string Text(int epoch) => epoch.ToString(CultureInfo.InvariantCulture);
}
