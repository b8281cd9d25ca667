using k8s.Models;
using Scheduler.LocalKube.Kubelet;
using Xunit;

namespace Scheduler.LocalKube.Tests.Kubelet;

public class ContainerSetupTests
{
    [Fact]
    public void Env_expansion_replaces_known_references_and_honours_escapes()
    {
        var env = new Dictionary<string, string> { ["A"] = "1" };
        Assert.Equal("x1y $(B) $(A) $", EnvExpansion.Expand("x$(A)y $(B) $$(A) $", env.GetValueOrDefault));
    }

    [Fact]
    public void Env_takes_values_secret_keys_and_earlier_variables()
    {
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "ns" }, Spec = new V1PodSpec() };
        var container = new V1Container
        {
            Name = "c",
            Env =
            [
                new V1EnvVar { Name = "PLAIN", Value = "v" },
                new V1EnvVar { Name = "TOKEN", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "s", Key = "k" } } },
                new V1EnvVar { Name = "BOTH", Value = "$(PLAIN)-$(TOKEN)" },
                new V1EnvVar { Name = "POD", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } },
            ],
        };
        var secret = new V1Secret { Data = new Dictionary<string, byte[]> { ["k"] = "s3cret"u8.ToArray() } };

        var (env, error) = ContainerEnvironment.Build(pod, container, "/home", (ns, name) => ns == "ns" && name == "s" ? secret : null);

        Assert.Null(error);
        Assert.Equal("s3cret", env!["TOKEN"]);
        Assert.Equal("v-s3cret", env["BOTH"]);
        Assert.Equal("p", env["POD"]);
        Assert.Equal("/home", env["HOME"]);
        Assert.Equal(ContainerEnvironment.DefaultPath, env["PATH"]);
    }

    [Fact]
    public void Missing_secret_or_key_is_reported_like_the_kubelet()
    {
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "ns" }, Spec = new V1PodSpec() };
        V1Container Wanting(string key) => new()
        {
            Name = "c",
            Env = [new V1EnvVar { Name = "X", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "s", Key = key } } }],
        };
        var secret = new V1Secret { StringData = new Dictionary<string, string> { ["k"] = "v" } };

        Assert.Equal("secret \"s\" not found", ContainerEnvironment.Build(pod, Wanting("k"), "/h", (_, _) => null).Error);
        Assert.Equal("couldn't find key other in Secret ns/s", ContainerEnvironment.Build(pod, Wanting("other"), "/h", (_, _) => secret).Error);
        Assert.Equal("v", ContainerEnvironment.Build(pod, Wanting("k"), "/h", (_, _) => secret).Environment!["X"]);
    }

    [Fact]
    public void Executables_are_found_in_path_and_missing_ones_get_the_runtime_message()
    {
        Assert.Equal("/bin/sh", Path.GetFullPath(ExecutableResolver.Resolve("sh", "/nonexistent:/bin", "/").Path!));
        Assert.Equal("exec: \"no-such-tool\": executable file not found in $PATH",
            ExecutableResolver.Resolve("no-such-tool", "/bin:/usr/bin", "/").Error);
        Assert.Equal("exec: \"/nope/x\": stat /nope/x: no such file or directory", ExecutableResolver.Resolve("/nope/x", "/bin", "/").Error);
        var plainFile = Path.GetTempFileName();
        try
        {
            File.SetUnixFileMode(plainFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Assert.Equal($"exec: \"{plainFile}\": permission denied", ExecutableResolver.Resolve(plainFile, "/bin", "/").Error);
        }
        finally
        {
            File.Delete(plainFile);
        }
    }

    [Fact]
    public void Container_paths_map_into_volumes_or_the_container_rootfs()
    {
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "ns", Uid = "u" }, Spec = new V1PodSpec() };
        var directory = new PodDirectory("/tmp/root", pod);
        var container = new V1Container
        {
            Name = "c",
            WorkingDir = "/workspace/src",
            VolumeMounts = [new V1VolumeMount { Name = "work", MountPath = "/workspace" }],
        };

        Assert.Equal("/tmp/root/pods/ns_p_u", directory.Path);
        Assert.Equal("/tmp/root/pods/ns_p_u/volumes/work/src", directory.WorkingDirectory(container));
        Assert.Equal("/tmp/root/pods/ns_p_u/containers/c/rootfs/etc", directory.Map(container, "/etc"));
        Assert.Throws<InvalidOperationException>(() => directory.Map(
            new V1Container { Name = "c", VolumeMounts = [new V1VolumeMount { Name = "v", MountPath = "/m", SubPath = "../../.." }] }, "/m"));
    }

    [Fact]
    public void Phase_follows_the_containers_and_a_pod_failure_wins()
    {
        var now = DateTime.UtcNow;
        ContainerSnapshot C(ContainerState state) => new("c", "img", null, state);
        var running = C(new ContainerState.Running(now));
        var ok = C(ContainerState.Exited(0, now, now));
        var failed = C(ContainerState.Exited(2, now, now));

        Assert.Equal("Pending", PodStatusBuilder.Phase([C(new ContainerState.Waiting("ContainerCreating")), running], null));
        Assert.Equal("Running", PodStatusBuilder.Phase([running, ok], null));
        Assert.Equal("Succeeded", PodStatusBuilder.Phase([ok, ok], null));
        Assert.Equal("Failed", PodStatusBuilder.Phase([ok, failed], null));
        Assert.Equal("Failed", PodStatusBuilder.Phase([running], new PodFailure("DeadlineExceeded", "m")));
    }

    [Fact]
    public void Ready_conditions_are_true_only_while_every_container_runs()
    {
        var now = DateTime.UtcNow;
        var pod = new V1Pod
        {
            Status = new V1PodStatus { Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "True" }] },
        };
        PodStatusBuilder.Apply(pod, [new ContainerSnapshot("c", "img", "id", new ContainerState.Running(now))], null, now, now);
        Assert.Equal("True", pod.Status.Conditions.Single(c => c.Type == "Ready").Status);
        Assert.Equal("True", pod.Status.Conditions.Single(c => c.Type == "PodScheduled").Status);
        Assert.Equal("127.0.0.1", pod.Status.PodIP);

        PodStatusBuilder.Apply(pod, [new ContainerSnapshot("c", "img", "id", ContainerState.Exited(1, now, now))], null, now, now);
        var ready = pod.Status.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(("False", "PodCompleted"), (ready.Status, ready.Reason));
        Assert.Equal(1, pod.Status.ContainerStatuses.Single().State.Terminated.ExitCode);
        Assert.Equal("Error", pod.Status.ContainerStatuses.Single().State.Terminated.Reason);
    }
}
