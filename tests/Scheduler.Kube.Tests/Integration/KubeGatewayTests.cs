using k8s.Models;
using Scheduler.Kube.Gateway;
using Scheduler.Kube.Tests.Support;

namespace Scheduler.Kube.Tests.Integration;

public sealed class KubeGatewayTests : KubeTestCluster
{
    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    [Fact]
    public async Task A_repeated_create_by_the_same_job_returns_the_existing_pod()
    {
        var name = UniqueName("fenced");
        var first = await Gateway.CreatePodAsync(Pod(name, "job-1"), Timeout);

        var second = await Gateway.CreatePodAsync(Pod(name, "job-1"), Timeout);

        Assert.Equal(first.Metadata.Uid, second.Metadata.Uid);
    }

    [Fact]
    public async Task A_create_that_finds_another_jobs_pod_is_a_conflict()
    {
        var name = UniqueName("fenced");
        await Gateway.CreatePodAsync(Pod(name, "job-1"), Timeout);

        var conflict = await Assert.ThrowsAsync<ResourceConflictException>(() => Gateway.CreatePodAsync(Pod(name, "job-2"), Timeout));

        Assert.Equal(name, conflict.Name);
        Assert.Equal(2, Requests.Count("POST", "/pods"));
        Assert.Equal("job-1", (await Gateway.GetPodAsync(name, Timeout))!.Metadata.Labels[JobLabel]);
    }

    [Fact]
    public async Task Deleting_what_is_already_gone_is_fine()
    {
        var pod = await Gateway.CreatePodAsync(Pod(UniqueName("del"), "job-1"), Timeout);
        var secret = await Gateway.CreateSecretAsync(Secret(UniqueName("sec"), "job-1"), Timeout);

        Assert.True(await Gateway.DeletePodAsync(pod.Metadata.Name, TimeSpan.Zero, Timeout));
        Assert.True(await Gateway.DeleteSecretAsync(secret.Metadata.Name, Timeout));
        Assert.False(await Gateway.DeleteSecretAsync(secret.Metadata.Name, Timeout));
        Assert.False(await Gateway.DeletePodAsync(UniqueName("never"), null, Timeout));
        Assert.Null(await Gateway.GetPodAsync(UniqueName("never"), Timeout));
    }

    [Fact]
    public async Task A_secret_owned_by_its_pod_points_at_the_pods_uid()
    {
        var pod = await Gateway.CreatePodAsync(Pod(UniqueName("owner"), "job-1"), Timeout);
        var secret = await Gateway.CreateSecretAsync(Secret(UniqueName("sec"), "job-1"), Timeout);

        var owned = await Gateway.SetSecretOwnerAsync(secret.Metadata.Name, pod, Timeout);

        var owner = Assert.Single(owned.Metadata.OwnerReferences);
        Assert.Equal(("Pod", pod.Metadata.Name, pod.Metadata.Uid), (owner.Kind, owner.Name, owner.Uid));
        Assert.Equal("s3cr3t", System.Text.Encoding.UTF8.GetString(owned.Data["token"]));
    }

    [Fact]
    public async Task Lists_are_filtered_by_label()
    {
        var pod = await Gateway.CreatePodAsync(Pod(UniqueName("listed"), "job-1"), Timeout);
        var secret = await Gateway.CreateSecretAsync(Secret(UniqueName("listed"), "job-1"), Timeout);

        var pods = await Gateway.ListPodsAsync(ManagedSelector, Timeout);
        var secrets = await Gateway.ListSecretsAsync(ManagedSelector, Timeout);

        Assert.Equal(pod.Metadata.Name, Assert.Single(pods).Metadata.Name);
        Assert.Equal(secret.Metadata.Name, Assert.Single(secrets).Metadata.Name);
        Assert.Empty(await Gateway.ListPodsAsync($"{ManagedLabel}=someone-else", Timeout));
        Assert.NotEmpty(await Gateway.ListNodesAsync(Timeout));
    }

    [Fact]
    public async Task A_pods_events_say_what_happened_to_it_and_only_to_it()
    {
        var pod = await Gateway.CreatePodAsync(Pod(UniqueName("evented"), "job-1"), Timeout);
        await Gateway.CreatePodAsync(Pod(UniqueName("other"), "job-2"), Timeout);

        IReadOnlyList<Corev1Event> events = [];
        await Eventually.TrueAsync(
            async () => (events = await Gateway.ListPodEventsAsync(pod.Metadata.Name, Timeout)).Any(e => e.Reason == "Scheduled"),
            "a Scheduled event");

        Assert.All(events, e => Assert.Equal(pod.Metadata.Name, e.InvolvedObject.Name));
    }

    [Fact]
    public async Task A_secret_is_fenced_like_a_pod()
    {
        var name = UniqueName("sec");
        var first = await Gateway.CreateSecretAsync(Secret(name, "job-1"), Timeout);

        var again = await Gateway.CreateSecretAsync(Secret(name, "job-1"), Timeout);

        Assert.Equal(first.Metadata.Uid, again.Metadata.Uid);
        await Assert.ThrowsAsync<ResourceConflictException>(() => Gateway.CreateSecretAsync(Secret(name, "job-2"), Timeout));
    }

    [Fact]
    public async Task A_containers_log_can_be_read()
    {
        var pod = await Gateway.CreatePodAsync(Pod(UniqueName("logs"), "job-1", "/bin/sh", "-c", "echo hello from the pod; sleep 600"), Timeout);

        await Eventually.TrueAsync(
            async () => (await Gateway.ReadPodLogAsync(pod.Metadata.Name, "build", tailLines: null, Timeout)).Contains("hello from the pod"),
            "the container's output in its log");
    }

    private V1Secret Secret(string name, string jobId) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = new Dictionary<string, string> { [ManagedLabel] = Manager, [JobLabel] = jobId },
        },
        StringData = new Dictionary<string, string> { ["token"] = "s3cr3t" },
    };
}
