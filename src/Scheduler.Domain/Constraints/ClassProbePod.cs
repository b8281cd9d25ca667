using k8s.Models;
using Scheduler.Domain.Config;
using Scheduler.Domain.Jobs;
using Scheduler.Domain.Pods;

namespace Scheduler.Domain.Constraints;

/// <summary>The pod the agent would create for a task of a resource class (default image, no environment), for checking.</summary>
public static class ClassProbePod
{
    private static readonly JobId ProbeJob = new("constraint-check");

    public static V1Pod For(ResourceClassOptions resourceClass, string @namespace) =>
        PodBuilder.Build(
            resourceClass.Template,
            resourceClass.Execution,
            new JobPodRequest(ProbeJob, 1, @namespace, resourceClass.Name, null, new Dictionary<string, string>(), null, [], TimeSpan.FromHours(1)));
}
