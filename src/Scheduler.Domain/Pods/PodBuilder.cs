using k8s.Models;

namespace Scheduler.Domain.Pods;

/// <summary>
/// Builds a job attempt's pod from its resource class's <see cref="PodTemplate"/> (deep-copied, never mutated).
/// Always overwritten: <c>metadata.name</c> (<see cref="ResourceNames.Pod"/>), <c>metadata.namespace</c>,
/// containers[0] <c>name</c> (<see cref="ContainerName"/>), <c>image</c>, <c>command</c>, <c>args</c>,
/// <c>workingDir</c> (<see cref="WorkingDir"/>, an emptyDir), and <c>restartPolicy: Never</c>; the steps emptyDir
/// (<see cref="StepsMountPath"/>) is added, and the class's cache (<see cref="CacheVolume"/>), if any. The task's
/// resources, node selector and tolerations are applied (<see cref="PodOverrides"/>).
/// Added: the <see cref="SchedulerLabels"/> (template labels kept), env (<c>CI=true</c>, <c>SCHEDULER_JOB_ID</c>,
/// the task's environment, and each secret through <c>secretKeyRef</c>), the task's services as further containers
/// (<see cref="ServiceContainers"/>), and <c>activeDeadlineSeconds</c> =
/// timeout + <see cref="DeadlineMargin"/> as a backstop to the agent's own timeout. Unset security fields get
/// <see cref="PodSecurity"/>'s defaults.
/// </summary>
public static class PodBuilder
{
    public const string ContainerName = "primary";
    public const string WorkingDir = "/workspace";
    public const string WorkspaceVolume = "scheduler-workspace";

    /// <summary>The emptyDir where detached steps keep their launch claim, output and exit code.</summary>
    public const string StepsVolume = "scheduler-steps";
    public const string StepsMountPath = "/scheduler-steps";

    /// <summary>
    /// <see cref="StepsMountPath"/> as the step scripts address it: relative to <see cref="WorkingDir"/>, which every
    /// exec starts in. On a real node that is the same directory; LocalKube has no container filesystem and maps a
    /// container's paths only through its working directory and volumes, which keeps the two volumes side by side.
    /// </summary>
    public const string StepsDirectory = "../scheduler-steps";

    /// <summary>The image when neither the task nor the template's first container names one.</summary>
    public const string DefaultImage = "busybox:1.36";

    public static readonly TimeSpan DeadlineMargin = TimeSpan.FromMinutes(1);

    public static V1Pod Build(PodTemplate template, ExecutionMode mode, JobPodRequest request)
    {
        var metadata = KubeObjects.DeepCopy(template.Metadata) ?? new V1ObjectMeta();
        var spec = KubeObjects.DeepCopy(template.Spec) ?? new V1PodSpec();

        metadata.Name = ResourceNames.Pod(request.JobId, request.Attempt);
        metadata.GenerateName = null;
        metadata.NamespaceProperty = request.Namespace;
        metadata.Uid = null;
        metadata.ResourceVersion = null;
        metadata.Labels = Merge(metadata.Labels, JobLabels.For(request));
        metadata.Annotations = Merge(metadata.Annotations, JobLabels.Annotations(request));

        spec.Containers ??= [];
        if (spec.Containers.Count == 0)
            spec.Containers.Add(new V1Container());
        var primary = spec.Containers[0];
        primary.Name = ContainerName;
        primary.Image = request.Image ?? (string.IsNullOrWhiteSpace(primary.Image) ? DefaultImage : primary.Image);
        primary.Command = ContainerCommands.For(mode).ToList();
        primary.Args = null;
        primary.WorkingDir = WorkingDir;
        primary.Stdin = mode == ExecutionMode.Attach ? true : null;
        primary.StdinOnce = mode == ExecutionMode.Attach ? false : null;
        primary.Tty = false;
        primary.Env = BuildEnv(primary.Env, request);
        AddEmptyDir(spec, primary, WorkspaceVolume, WorkingDir);
        AddEmptyDir(spec, primary, StepsVolume, StepsMountPath);
        foreach (var service in ServiceContainers.Build(request.Services))
            spec.Containers.Add(service);
        PodOverrides.AddCache(spec, primary, template.Cache);
        PodOverrides.Apply(spec, primary, request.Overrides);

        PodSecurity.ApplyDefaults(spec);
        spec.RestartPolicy = "Never";
        spec.ActiveDeadlineSeconds = (long)Math.Ceiling((request.Timeout + DeadlineMargin).TotalSeconds);

        return new V1Pod { ApiVersion = "v1", Kind = "Pod", Metadata = metadata, Spec = spec };
    }

    private static List<V1EnvVar> BuildEnv(IList<V1EnvVar>? templateEnv, JobPodRequest request)
    {
        var env = new List<V1EnvVar>();
        void Set(V1EnvVar variable)
        {
            env.RemoveAll(e => e.Name == variable.Name);
            env.Add(variable);
        }

        foreach (var variable in templateEnv ?? [])
            Set(variable);
        Set(new V1EnvVar { Name = "CI", Value = "true" });
        Set(new V1EnvVar { Name = "SCHEDULER_JOB_ID", Value = request.JobId.Value });
        foreach (var (name, value) in request.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
            Set(new V1EnvVar { Name = name, Value = value });
        if (request.SecretName is { } secretName)
        {
            foreach (var key in request.SecretKeys)
                Set(new V1EnvVar
                {
                    Name = key,
                    ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Key = key, Name = secretName, Optional = false } },
                });
        }
        return env;
    }

    private static void AddEmptyDir(V1PodSpec spec, V1Container primary, string volume, string mountPath)
    {
        spec.Volumes ??= [];
        if (spec.Volumes.All(v => v.Name != volume))
            spec.Volumes.Add(new V1Volume { Name = volume, EmptyDir = new V1EmptyDirVolumeSource() });
        primary.VolumeMounts ??= [];
        if (primary.VolumeMounts.All(m => m.MountPath != mountPath))
            primary.VolumeMounts.Add(new V1VolumeMount { MountPath = mountPath, Name = volume });
    }

    private static Dictionary<string, string> Merge(IDictionary<string, string>? original, IReadOnlyDictionary<string, string> ours)
    {
        var merged = new Dictionary<string, string>(original ?? new Dictionary<string, string>());
        foreach (var (key, value) in ours)
            merged[key] = value;
        return merged;
    }
}
