using Scheduler.Domain.Tasks;

namespace Scheduler.Agent.Api;

/// <summary>The verdict of <see cref="TaskAdmission"/>: a spec to submit, or the HTTP rejection.</summary>
public abstract record AdmissionResult
{
    public sealed record Admitted(TaskSpec Spec) : AdmissionResult;

    public sealed record Rejected(int StatusCode, ApiError Error) : AdmissionResult;
}
