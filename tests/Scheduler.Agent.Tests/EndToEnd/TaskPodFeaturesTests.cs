using System.Net;
using k8s;
using System.Net.Http.Json;
using System.Text;
using Scheduler.Agent.Api;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Tests.Api;
using Scheduler.Domain.Logs;
using Scheduler.Domain.Pods;

namespace Scheduler.Agent.Tests.EndToEnd;

/// <summary>One agent on LocalKube whose classes cap task resources and overrides, mount a cache and limit output.</summary>
public sealed class TaskPodFeaturesAgent : IAsyncLifetime
{
    public const string Sized = "test/sized";
    public const string SizedToken = "sized-token";
    public const string Strict = "test/strict";
    public const string StrictToken = "strict-token";
    public const int OutputLimit = 1024 * 1024;

    public AgentFixture Agent { get; private set; } = null!;

    public async Task InitializeAsync() => Agent = await AgentFixture.StartAsync($$"""
        agent.resourceClasses {
          "{{Sized}}" {
            token = "{{SizedToken}}"
            maxCpu = "2"
            maxMemory = 1Gi
            allowedNodeSelectorKeys = ["kubernetes.io/hostname"]
            allowedTolerationKeys = ["dedicated"]
            outputLimit = 1MiB
            cache { persistentVolumeClaim { claimName = "ci-cache" } }
          }
          "{{Strict}}" {
            token = "{{StrictToken}}"
            maxCpu = "1"
            maxMemory = 512Mi
            allowedNodeSelectorKeys = ["disktype"]
          }
        }
        """);

    public async Task DisposeAsync() => await Agent.DisposeAsync();
}

public sealed class TaskPodFeaturesTests(TaskPodFeaturesAgent fixture) : IClassFixture<TaskPodFeaturesAgent>
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(3);

    private AgentFixture Agent => fixture.Agent;

    private async Task<HttpResponseMessage> PostAsync(string yaml, string token)
    {
        using var client = Agent.ApiClient(token);
        return await client.PostAsync(TaskRoutes.Tasks, new StringContent(yaml, Encoding.UTF8, "application/yaml"));
    }

    private async Task<JobView> ViewAsync(string jobId)
    {
        using var client = Agent.ApiClient();
        return (await client.GetFromJsonAsync<JobView>(TaskRoutes.Task(jobId), ApiJson.Options))!;
    }

    [Fact]
    public async Task Resources_and_allowed_overrides_within_the_caps_land_in_the_pod()
    {
        var node = (await Agent.Client.CoreV1.ListNodeAsync()).Items.First().Metadata.Name;
        var response = await PostAsync($"""
            resource_class: {TaskPodFeaturesAgent.Sized}
            resources:
              requests:
                cpu: 500m
                memory: 256Mi
              limits:
                cpu: "2"
                memory: 1Gi
            nodeSelector:
              kubernetes.io/hostname: {node}
            tolerations:
              - key: dedicated
                operator: Exists
                effect: NoSchedule
            steps: ["echo started; sleep 60"]
            """, TaskPodFeaturesAgent.SizedToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var job = await ApiResponses.JobAsync(response);
        await Agent.AwaitOutputAsync(job.Id, "started");

        var pod = await Agent.Client.CoreV1.ReadNamespacedPodAsync(job.PodName ?? (await Agent.Agent.Jobs.GetAsync(job.Id, default))!.PodName!, "default");

        var resources = pod.Spec.Containers[0].Resources;
        Assert.Equal("500m", resources.Requests["cpu"].ToString());
        Assert.Equal("256Mi", resources.Requests["memory"].ToString());
        Assert.Equal("2", resources.Limits["cpu"].ToString());
        Assert.Equal("1Gi", resources.Limits["memory"].ToString());
        Assert.Equal(node, pod.Spec.NodeSelector["kubernetes.io/hostname"]);
        Assert.Contains(pod.Spec.Tolerations, t => t is { Key: "dedicated", OperatorProperty: "Exists", Effect: "NoSchedule" });
        Assert.Equal("ci-cache", pod.Spec.Volumes.Single(v => v.Name == CacheVolume.VolumeName).PersistentVolumeClaim.ClaimName);
        Assert.Contains(pod.Spec.Containers[0].VolumeMounts, m => m.MountPath == CacheVolume.MountPath);

        using var owner = Agent.ApiClient(TaskPodFeaturesAgent.SizedToken);
        Assert.Equal(HttpStatusCode.Accepted, (await owner.PostAsync(TaskRoutes.Cancel(job.Id), null)).StatusCode);
        Assert.Equal(JobStates.Cancelled, (await Agent.AwaitEndAsync(job.Id, Generous)).View.State);
    }

    [Theory]
    [InlineData("resources: {limits: {cpu: 1500m}}", HttpStatusCode.UnprocessableEntity, "resources.limits.cpu", "maxCpu (1)")]
    [InlineData("resources: {requests: {memory: 1Gi}}", HttpStatusCode.UnprocessableEntity, "resources.requests.memory", "maxMemory (512Mi)")]
    [InlineData("resources: {requests: {cpu: lots}}", HttpStatusCode.BadRequest, "resources.requests.cpu", "\"lots\" is not a quantity")]
    [InlineData("nodeSelector: {zone: a}", HttpStatusCode.UnprocessableEntity, "nodeSelector.zone", "the key zone may not be overridden")]
    [InlineData("tolerations: [{key: dedicated, operator: Exists}]", HttpStatusCode.UnprocessableEntity, "tolerations[0].key", "allowedTolerationKeys: (none)")]
    public async Task Above_a_cap_or_an_override_not_allowed_is_refused_naming_the_field_and_nothing_is_stored(
        string fields, HttpStatusCode status, string path, string message)
    {
        var response = await PostAsync($"resource_class: {TaskPodFeaturesAgent.Strict}\n{fields}\nsteps: [echo hi]\n", TaskPodFeaturesAgent.StrictToken);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, await ApiResponses.ErrorNamingAsync(response, path));
        Assert.Empty(await Agent.Agent.Jobs.ListAsync(new JobQuery(ResourceClass: TaskPodFeaturesAgent.Strict), default));
    }

    [Fact]
    public async Task A_file_one_task_writes_in_the_claim_cache_is_read_by_the_next()
    {
        var writer = await Agent.SubmitAsync($"""
            resource_class: {TaskPodFeaturesAgent.Sized}
            steps: ["echo written-by-$SCHEDULER_JOB_ID > {CacheVolume.RelativePath}/note"]
            """);
        Assert.Equal(JobStates.Succeeded, (await Agent.AwaitEndAsync(writer.Id, Generous)).View.State);

        var reader = await Agent.SubmitAsync($"""
            resource_class: {TaskPodFeaturesAgent.Sized}
            steps: ["cat {CacheVolume.RelativePath}/note"]
            """);
        var (view, log) = await Agent.AwaitEndAsync(reader.Id, Generous);

        Assert.Equal(JobStates.Succeeded, view.State);
        Assert.Equal($"written-by-{writer.Id}\n", log);
        Assert.NotEqual(writer.PodName, view.PodName);
    }

    [Fact]
    public async Task Ten_MiB_of_output_with_a_1_MiB_limit_is_cut_once_and_exit_codes_still_count()
    {
        const int TenMiB = 10 * 1024 * 1024;
        var job = await Agent.SubmitAsync($"""
            resource_class: {TaskPodFeaturesAgent.Sized}
            steps:
              - name: loud
                run: yes abcdefghijklmnopqrstuvwxyz0123456789 | head -c {TenMiB}; echo done > finished.txt
              - name: louder, then fails
                run: yes more | head -c {TenMiB}; test -f finished.txt && exit 3
            """);

        var (view, log) = await Agent.AwaitEndAsync(job.Id, Generous);

        Assert.Equal(JobStates.Failed, view.State);
        Assert.Equal([0, 3], view.Steps.Select(s => s.ExitCode ?? -1));
        var logBytes = Encoding.UTF8.GetByteCount(log);
        Assert.InRange(logBytes, TaskPodFeaturesAgent.OutputLimit, TaskPodFeaturesAgent.OutputLimit + 200);
        Assert.Equal(1, (log.Length - log.Replace(OutputLimitMarker.Prefix, "").Length) / OutputLimitMarker.Prefix.Length);
        Assert.Contains(OutputLimitMarker.Line(TaskPodFeaturesAgent.OutputLimit, atLineStart: false), log);
        Assert.DoesNotContain("more", log);
        Assert.True((await ViewAsync(job.Id)).LogTruncated);
        Assert.Equal(TenMiB, (await Agent.Agent.Logs.StepStreamEndsAsync(job.Id, 0)).Stdout);
        Assert.Equal(TenMiB, (await Agent.Agent.Logs.StepStreamEndsAsync(job.Id, 1)).Stdout);
    }
}
