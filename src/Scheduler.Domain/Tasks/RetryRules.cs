using Scheduler.Domain.Config;

namespace Scheduler.Domain.Tasks;

/// <summary>A task's <c>retry.infrastructure</c> against its class's <c>maxInfrastructureRetries</c>.</summary>
public static class RetryRules
{
    public static IEnumerable<ValidationError> Check(TaskSpec spec, ResourceClassOptions resourceClass)
    {
        if (spec.InfrastructureRetries > resourceClass.MaxInfrastructureRetries)
            yield return new ValidationError("retry.infrastructure",
                $"{spec.InfrastructureRetries} exceeds maxInfrastructureRetries ({resourceClass.MaxInfrastructureRetries}) of {resourceClass.Name}");
    }
}
