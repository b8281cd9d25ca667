using System.Net;
using k8s;
using Scheduler.Agent.Api;
using Scheduler.Agent.Jobs;
using Scheduler.Domain.Pods;

namespace Scheduler.Agent.Tests.EndToEnd;

/// <summary>A job's pod as LocalKube stores it carries the secure defaults, and what its class's template adds.</summary>
public sealed class SecurePodTests : IAsyncLifetime
{
    private const string NonRootClass = "test/nonroot";
    private const string NonRootToken = "nonroot-token";

    private AgentFixture _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentFixture.StartAsync($$"""
        agent.resourceClasses {
          "{{NonRootClass}}" {
            token = "{{NonRootToken}}"
            spec { securityContext { runAsNonRoot = true } }
          }
        }
        """);

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task A_running_jobs_pod_has_the_secure_defaults_and_the_classs_runAsNonRoot()
    {
        var job = await _agent.SubmitAsync($"""
            resource_class: {NonRootClass}
            secrets:
              API_KEY: pod-spec-must-not-hold-this
            steps:
              - name: wait
                run: echo started; sleep 60
            """);
        await _agent.AwaitOutputAsync(job.Id, "started");

        var pod = (await _agent.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: SchedulerLabels.ManagedSelector)).Items.Single();

        Assert.False(pod.Spec.AutomountServiceAccountToken);
        Assert.True(pod.Spec.SecurityContext.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", pod.Spec.SecurityContext.SeccompProfile.Type);
        var context = pod.Spec.Containers[0].SecurityContext;
        Assert.False(context.AllowPrivilegeEscalation);
        Assert.Contains("NET_RAW", context.Capabilities.Drop);
        Assert.DoesNotContain("pod-spec-must-not-hold-this", KubernetesJson.Serialize(pod));

        using var owner = _agent.ApiClient(NonRootToken);
        Assert.Equal(HttpStatusCode.Accepted, (await owner.PostAsync(TaskRoutes.Cancel(job.Id), null)).StatusCode);
        Assert.Equal(JobStates.Cancelled, (await _agent.AwaitEndAsync(job.Id)).View.State);
    }
}
