using Scheduler.Domain.Tasks;

namespace Scheduler.Agent.Serialization;

/// <summary>Maps a <see cref="TaskSpec"/> to its stored shape, with every secret value sealed by the <see cref="SecretCipher"/>.</summary>
public sealed class TaskSpecContract(SecretCipher? cipher)
{
    public TaskSpecV1 ToContract(TaskSpec spec, string jobId) => new(
        spec.ResourceClass,
        spec.Image,
        spec.Steps.Select(s => new StepSpecV1(s.Name, s.Run)).ToArray(),
        spec.Environment,
        spec.Secrets.ToDictionary(s => s.Key, s => Cipher(jobId).Seal(s.Value, jobId, s.Key)),
        spec.Timeout,
        spec.Services.Count == 0 ? null : spec.Services.Select(s => new ServiceSpecV1(s.Name, s.Image, s.Command, s.Environment, s.Port)).ToArray(),
        TaskPodOverridesContract.ToContract(spec.PodOverrides),
        spec.InfrastructureRetries == 0 ? null : spec.InfrastructureRetries);

    public TaskSpec FromContract(TaskSpecV1 spec, string jobId) => new(
        spec.ResourceClass,
        spec.Image,
        spec.Steps.Select(s => new StepSpec(s.Name, s.Run)).ToArray(),
        spec.Environment,
        spec.SealedSecrets.ToDictionary(s => s.Key, s => Cipher(jobId).Open(s.Value, jobId, s.Key)),
        spec.Timeout)
    {
        Services = spec.Services?.Select(s => new ServiceSpec(s.Name, s.Image, s.Command, s.Env, s.Port)).ToArray() ?? [],
        PodOverrides = TaskPodOverridesContract.FromContract(spec.PodOverrides),
        InfrastructureRetries = spec.InfrastructureRetries ?? 0,
    };

    private SecretCipher Cipher(string jobId) => cipher
        ?? throw new InvalidOperationException($"job {jobId} has secrets but the actor system has no {nameof(SecretsKeySetup)}");
}
