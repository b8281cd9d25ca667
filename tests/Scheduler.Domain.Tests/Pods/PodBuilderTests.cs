using k8s;
using k8s.Models;
using Scheduler.Domain.Jobs;
using Scheduler.Domain.Pods;

namespace Scheduler.Domain.Tests.Pods;

public class PodBuilderTests
{
    private static PodTemplate Template() => new(
        new V1ObjectMeta
        {
            Name = "ignored",
            NamespaceProperty = "ignored-ns",
            Labels = new Dictionary<string, string> { ["team"] = "infra", [SchedulerLabels.JobId] = "spoofed" },
            Annotations = new Dictionary<string, string> { ["note"] = "kept" },
        },
        new V1PodSpec
        {
            RestartPolicy = "Always",
            NodeSelector = new Dictionary<string, string> { ["pool"] = "ci" },
            Containers =
            [
                new V1Container
                {
                    Name = "build",
                    Image = "template/image:1",
                    Command = ["sleep"],
                    Args = ["infinity"],
                    WorkingDir = "/src",
                    Env = [new V1EnvVar { Name = "FROM_TEMPLATE", Value = "1" }, new V1EnvVar { Name = "MODE", Value = "template" }],
                    Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m") } },
                },
                new V1Container { Name = "sidecar", Image = "redis" },
            ],
        });

    private static JobPodRequest Request(string? image = null, string? secretName = "sched-t-abc-2-secrets") => new(
        new JobId("t-abc"), 2, "ci-jobs", "acme/large", image,
        new Dictionary<string, string> { ["MODE"] = "task", ["GREETING"] = "hi" },
        secretName, secretName is null ? [] : ["API_TOKEN"],
        TimeSpan.FromMinutes(30), "agent-0");

    [Fact]
    public void Overwrites_the_fields_the_agent_owns()
    {
        var pod = PodBuilder.Build(Template(), ExecutionMode.Exec, Request(image: "alpine:3.20"));

        Assert.Equal("sched-t-abc-2", pod.Metadata.Name);
        Assert.Equal("ci-jobs", pod.Metadata.NamespaceProperty);
        Assert.Equal("Never", pod.Spec.RestartPolicy);
        var primary = pod.Spec.Containers[0];
        Assert.Equal("primary", primary.Name);
        Assert.Equal("alpine:3.20", primary.Image);
        Assert.Equal(ContainerCommands.KeepAlive, primary.Command);
        Assert.Null(primary.Args);
        Assert.Equal("/workspace", primary.WorkingDir);
    }

    [Fact]
    public void Keeps_the_rest_of_the_template()
    {
        var pod = PodBuilder.Build(Template(), ExecutionMode.Exec, Request());

        Assert.Equal("ci", pod.Spec.NodeSelector["pool"]);
        Assert.Equal("500m", pod.Spec.Containers[0].Resources.Requests["cpu"].ToString());
        Assert.Equal("sidecar", pod.Spec.Containers[1].Name);
        Assert.Equal("infra", pod.Metadata.Labels["team"]);
        Assert.Equal("kept", pod.Metadata.Annotations["note"]);
    }

    [Fact]
    public void Uses_the_template_image_then_a_default()
    {
        Assert.Equal("template/image:1", PodBuilder.Build(Template(), ExecutionMode.Exec, Request()).Spec.Containers[0].Image);
        var bare = new PodTemplate(new V1ObjectMeta(), new V1PodSpec());
        var pod = PodBuilder.Build(bare, ExecutionMode.Exec, Request());
        Assert.Equal(PodBuilder.DefaultImage, Assert.Single(pod.Spec.Containers).Image);
    }

    [Fact]
    public void Never_mutates_the_template()
    {
        var template = Template();
        var before = KubernetesJson.Serialize(template.Spec) + KubernetesJson.Serialize(template.Metadata);
        PodBuilder.Build(template, ExecutionMode.Attach, Request());
        Assert.Equal(before, KubernetesJson.Serialize(template.Spec) + KubernetesJson.Serialize(template.Metadata));
    }

    [Fact]
    public void Labels_the_pod_as_one_managed_job_attempt()
    {
        var labels = PodBuilder.Build(Template(), ExecutionMode.Exec, Request()).Metadata.Labels;

        Assert.Equal("scheduler", labels["app.kubernetes.io/managed-by"]);
        Assert.Equal("t-abc", labels[SchedulerLabels.JobId]);
        Assert.Equal("2", labels[SchedulerLabels.Attempt]);
        Assert.Equal(LabelValue.Sanitize("acme/large"), labels[SchedulerLabels.ResourceClass]);
        Assert.All(labels.Values, v => Assert.True(LabelValue.IsValid(v), v));
    }

    [Fact]
    public void Task_environment_overrides_template_env_and_secrets_come_from_the_secret()
    {
        var env = PodBuilder.Build(Template(), ExecutionMode.Exec, Request()).Spec.Containers[0].Env;

        Assert.Equal("1", env.Single(e => e.Name == "FROM_TEMPLATE").Value);
        Assert.Equal("task", env.Single(e => e.Name == "MODE").Value);
        Assert.Equal("hi", env.Single(e => e.Name == "GREETING").Value);
        Assert.Equal("true", env.Single(e => e.Name == "CI").Value);
        Assert.Equal("t-abc", env.Single(e => e.Name == "SCHEDULER_JOB_ID").Value);
        var secret = env.Single(e => e.Name == "API_TOKEN");
        Assert.Null(secret.Value);
        Assert.Equal("sched-t-abc-2-secrets", secret.ValueFrom.SecretKeyRef.Name);
        Assert.Equal("API_TOKEN", secret.ValueFrom.SecretKeyRef.Key);
    }

    [Fact]
    public void Without_secrets_no_secret_is_referenced()
    {
        var env = PodBuilder.Build(Template(), ExecutionMode.Exec, Request(secretName: null)).Spec.Containers[0].Env;
        Assert.All(env, e => Assert.Null(e.ValueFrom));
    }

    [Fact]
    public void Attach_mode_runs_a_shell_on_open_stdin()
    {
        var primary = PodBuilder.Build(Template(), ExecutionMode.Attach, Request()).Spec.Containers[0];
        Assert.Equal(["/bin/sh"], primary.Command);
        Assert.True(primary.Stdin);
        Assert.False(primary.StdinOnce);
        Assert.False(primary.Tty);
    }

    [Fact]
    public void Active_deadline_is_a_backstop_just_beyond_the_timeout()
    {
        var pod = PodBuilder.Build(Template(), ExecutionMode.Exec, Request());
        Assert.Equal(30 * 60 + (long)PodBuilder.DeadlineMargin.TotalSeconds, pod.Spec.ActiveDeadlineSeconds);
    }

    [Fact]
    public void The_working_directory_and_the_steps_directory_are_empty_dirs_side_by_side()
    {
        var pod = PodBuilder.Build(Template(), ExecutionMode.Exec, Request());
        var mounts = pod.Spec.Containers[0].VolumeMounts;
        Assert.Equal(["/workspace", "/scheduler-steps"], mounts.Select(m => m.MountPath));
        Assert.All(mounts, mount => Assert.NotNull(pod.Spec.Volumes.Single(v => v.Name == mount.Name).EmptyDir));
        // The step scripts reach the steps volume from the working directory, where every exec starts.
        Assert.Equal(PodBuilder.StepsMountPath, Path.GetFullPath(PodBuilder.StepsDirectory, PodBuilder.WorkingDir));
    }

    [Fact]
    public void The_request_follows_from_a_claimed_job()
    {
        var spec = Jobs.JobFixtures.Spec(secrets: true, timeout: TimeSpan.FromMinutes(10));
        var state = Jobs.JobFixtures.Queued(spec).Apply(new JobClaimed(1, Jobs.JobFixtures.At(1)));
        var request = JobPodRequest.From(state, "ns", TimeSpan.FromHours(5), "agent-1");

        Assert.Equal("sched-t-job1-1-secrets", request.SecretName);
        Assert.Equal(["TOKEN"], request.SecretKeys);
        Assert.Equal(TimeSpan.FromMinutes(10), request.Timeout);
        Assert.Throws<InvalidOperationException>(() => JobPodRequest.From(Jobs.JobFixtures.Queued(), "ns", TimeSpan.FromHours(5)));
    }
}
