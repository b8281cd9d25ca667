using k8s;
using k8s.Models;
using Scheduler.LocalKube.Tests.Kubelet.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Kubelet;

public class PodLifecycleTests(KubeletHostFixture fixture) : IClassFixture<KubeletHostFixture>
{
    private KubeletHost Host => fixture.Host;

    [Fact]
    public async Task A_command_that_exits_0_makes_the_pod_Succeeded_with_Started_event()
    {
        var name = Host.Run(Pods.Shell(Pods.UniqueName("ok"), "echo hello"));

        var pod = await Host.Cluster.WaitForPodAsync(name, p => p.IsFinished(), "finished");

        Assert.Equal("Succeeded", pod.Status.Phase);
        var terminated = pod.MainContainer().State.Terminated;
        Assert.Equal((0, "Completed"), (terminated.ExitCode, terminated.Reason));
        Assert.Equal("busybox:1.36", pod.MainContainer().Image);
        Assert.Equal("127.0.0.1", pod.Status.PodIP);
        Assert.NotNull(pod.Status.StartTime);
        Assert.Contains(Host.Cluster.Events, e => e.Reason == "Started" && e.InvolvedObject.Name == name);
        Assert.Contains(Host.Cluster.Events, e => e.Reason == "Pulled" && e.InvolvedObject.Name == name);
    }

    [Fact]
    public async Task A_nonzero_exit_makes_the_pod_Failed_with_the_exit_code()
    {
        var name = Host.Run(Pods.Shell(Pods.UniqueName("fail"), "exit 3"));

        var pod = await Host.Cluster.WaitForPodAsync(name, p => p.IsFinished(), "finished");

        Assert.Equal("Failed", pod.Status.Phase);
        Assert.Equal((3, "Error"), (pod.MainContainer().State.Terminated.ExitCode, pod.MainContainer().State.Terminated.Reason));
    }

    [Fact]
    public async Task A_running_container_is_Ready_until_it_is_killed()
    {
        var name = Host.Run(Pods.Shell(Pods.UniqueName("ready"), "sleep 300"));

        var running = await Host.Cluster.WaitForPodAsync(name, p => p.IsRunning(), "running");
        Assert.Equal("True", running.Status.Conditions.Single(c => c.Type == "Ready").Status);
        Assert.NotNull(running.MainContainer().State.Running.StartedAt);

        Assert.True(Host.Kubelet.KillContainer("default", name, null));
        var killed = await Host.Cluster.WaitForPodAsync(name, p => p.IsFinished(), "killed");
        Assert.Equal((137, "Error"), (killed.MainContainer().State.Terminated.ExitCode, killed.MainContainer().State.Terminated.Reason));
        Assert.Equal("False", killed.Status.Conditions.Single(c => c.Type == "Ready").Status);
    }

    [Fact]
    public async Task Env_values_and_secret_keys_reach_the_process()
    {
        Host.Cluster.AddSecret(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "creds", NamespaceProperty = "default" },
            Data = new Dictionary<string, byte[]> { ["token"] = "s3cret"u8.ToArray() },
        });
        var name = Host.Run(Pods.Shell(Pods.UniqueName("env"), "echo \"$GREETING $TOKEN\" > out; cat out", c => c.Env =
        [
            new V1EnvVar { Name = "GREETING", Value = "hello" },
            new V1EnvVar { Name = "TOKEN", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "creds", Key = "token" } } },
        ]));

        await Host.Cluster.WaitForPodAsync(name, p => p.Status?.Phase == "Succeeded", "succeeded");

        var log = await Host.CreateClient().CoreV1.ReadNamespacedPodLogAsync(name, "default");
        Assert.Equal("hello s3cret\n", await new StreamReader(log).ReadToEndAsync());
    }

    [Fact]
    public async Task A_missing_secret_blocks_the_container_until_the_secret_exists()
    {
        var secretName = Pods.UniqueName("late");
        var name = Host.Run(Pods.Shell(Pods.UniqueName("cfg"), "echo $X", c => c.Env =
        [
            new V1EnvVar { Name = "X", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secretName, Key = "k" } } },
        ]));

        var waiting = await Host.Cluster.WaitForPodAsync(name, p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State.Waiting?.Reason == "CreateContainerConfigError", "config error");
        Assert.Equal("Pending", waiting.Status.Phase);
        await Host.Cluster.WaitForEventAsync("Failed", e => e.InvolvedObject.Name == name && e.Message == $"Error: secret \"{secretName}\" not found");

        Host.Cluster.AddSecret(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = secretName, NamespaceProperty = "default" },
            StringData = new Dictionary<string, string> { ["k"] = "v" },
        });
        await Host.Cluster.WaitForPodAsync(name, p => p.Status?.Phase == "Succeeded", "succeeded after the secret appeared");
    }

    [Fact]
    public async Task A_command_that_cannot_start_is_a_StartError_with_a_Failed_event()
    {
        var pod = Pods.Shell(Pods.UniqueName("nocmd"), "");
        pod.Spec.Containers[0].Command = ["no-such-binary"];
        var name = Host.Run(pod);

        var failed = await Host.Cluster.WaitForPodAsync(name, p => p.IsFinished(), "finished");

        Assert.Equal("Failed", failed.Status.Phase);
        Assert.Equal((128, "StartError"), (failed.MainContainer().State.Terminated.ExitCode, failed.MainContainer().State.Terminated.Reason));
        var failedEvent = Host.Cluster.Events.Single(e => e.InvolvedObject.Name == name && e.Reason == "Failed");
        Assert.Equal("Warning", failedEvent.Type);
        Assert.Contains("exec: \"no-such-binary\": executable file not found in $PATH", failedEvent.Message);
        Assert.StartsWith("Error: failed to create containerd task", failedEvent.Message);
    }

    [Fact]
    public async Task An_unpullable_image_keeps_the_pod_Pending_in_ImagePullBackOff()
    {
        var name = Host.Run(Pods.Shell(Pods.UniqueName("pull"), "true", c => c.Image = "unpullable/missing:1"));

        var pod = await Host.Cluster.WaitForPodAsync(name, p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State.Waiting?.Reason == "ImagePullBackOff", "backing off");

        Assert.Equal("Pending", pod.Status.Phase);
        Assert.Contains(Host.Cluster.Events, e => e.InvolvedObject.Name == name && e.Reason == "Failed" && e.Message.StartsWith("Failed to pull image \"unpullable/missing:1\""));
        Assert.DoesNotContain(Host.Cluster.Events, e => e.InvolvedObject.Name == name && e.Reason == "Started");
    }

    [Fact]
    public async Task ActiveDeadlineSeconds_kills_the_pod_with_DeadlineExceeded()
    {
        var name = Host.Run(Pods.Shell(Pods.UniqueName("deadline"), "sleep 300", spec: s => s.ActiveDeadlineSeconds = 1));

        var pod = await Host.Cluster.WaitForPodAsync(name, p => p.IsFinished() && p.MainContainer().State.Terminated is not null, "failed by deadline");

        Assert.Equal(("Failed", "DeadlineExceeded"), (pod.Status.Phase, pod.Status.Reason));
        Assert.Equal("Pod was active on the node longer than the specified deadline", pod.Status.Message);
        Assert.NotNull(pod.MainContainer().State.Terminated);
    }

    [Fact]
    public async Task Stopping_a_pod_kills_its_whole_process_tree_and_removes_it()
    {
        var name = Host.Run(Pods.Shell(Pods.UniqueName("tree"), "sleep 300 & echo $! > child.pid; wait"));
        await Host.Cluster.WaitForPodAsync(name, p => p.IsRunning(), "running");
        string PidFiles() => string.Join("", Directory.GetFiles(Host.Root, "child.pid", SearchOption.AllDirectories));
        await Tests.Support.Eventually.UntilAsync(() => PidFiles() is { Length: > 0 } f && File.ReadAllText(f).EndsWith('\n'), "child pid written");
        var pidFile = PidFiles();
        var grandchild = int.Parse(File.ReadAllText(pidFile).Trim());
        Assert.True(IsAlive(grandchild));

        await Host.Kubelet.StopPodAsync("default", name, TimeSpan.FromSeconds(5));

        Assert.False(IsAlive(grandchild));
        Assert.Null(Host.Cluster.GetPod("default", name));
        Assert.False(File.Exists(pidFile));
        Assert.Contains(Host.Cluster.Events, e => e.InvolvedObject.Name == name && e.Reason == "Killing");
    }

    [Fact]
    public async Task A_process_ignoring_SIGTERM_is_killed_after_the_grace_period()
    {
        var name = Host.Run(Pods.Shell(Pods.UniqueName("stubborn"), "trap '' TERM; while true; do sleep 1; done"));
        await Host.Cluster.WaitForPodAsync(name, p => p.IsRunning(), "running");

        var stop = Host.Kubelet.StopPodAsync("default", name, TimeSpan.FromMilliseconds(500));

        Assert.Same(stop, await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Null(Host.Cluster.GetPod("default", name));
    }

    [Fact]
    public async Task FailPod_kills_the_processes_and_marks_the_pod_Failed()
    {
        var name = Host.Run(Pods.Shell(Pods.UniqueName("lost"), "sleep 300"));
        await Host.Cluster.WaitForPodAsync(name, p => p.IsRunning(), "running");

        Host.Kubelet.FailPod("default", name, "NodeLost", "node node-1 was deleted");

        var pod = await Host.Cluster.WaitForPodAsync(name, p => p.MainContainer().State.Terminated is not null, "terminated");
        Assert.Equal(("Failed", "NodeLost"), (pod.Status.Phase, pod.Status.Reason));
    }

    [Fact]
    public async Task Two_containers_run_as_separate_processes_sharing_a_volume()
    {
        var pod = Pods.Shell(Pods.UniqueName("two"), "echo from-main > /data/f");
        pod.Spec.Containers[0].VolumeMounts = [new V1VolumeMount { Name = "shared", MountPath = "/data" }];
        pod.Spec.Containers[0].WorkingDir = "/data";
        pod.Spec.Containers[0].Command = ["sh", "-c", "echo from-main > f"];
        pod.Spec.Containers.Add(new V1Container
        {
            Name = "side", Image = "busybox", WorkingDir = "/mnt", Command = ["sh", "-c", "until [ -s f ]; do sleep 0.05; done; cat f"],
            VolumeMounts = [new V1VolumeMount { Name = "shared", MountPath = "/mnt" }],
        });
        var name = Host.Run(pod);

        await Host.Cluster.WaitForPodAsync(name, p => p.Status?.Phase == "Succeeded", "succeeded");

        var log = await Host.CreateClient().CoreV1.ReadNamespacedPodLogAsync(name, "default", container: "side");
        Assert.Equal("from-main\n", await new StreamReader(log).ReadToEndAsync());
    }

    private static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
            return false;
        try
        {
            // A zombie is dead; only its parent has not reaped it yet.
            var fields = File.ReadAllText(stat);
            return fields[(fields.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
