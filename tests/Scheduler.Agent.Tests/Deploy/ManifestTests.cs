using k8s.Models;

namespace Scheduler.Agent.Tests.Deploy;

/// <summary>
/// Every kustomization under <c>deploy/kubernetes</c>, rendered by <c>kubectl kustomize</c> and loaded with
/// KubernetesClient's YAML loader, has the shape the README promises.
/// </summary>
public sealed class ManifestTests
{
    [Fact]
    public async Task Every_overlay_renders_and_loads_as_typed_objects_with_a_hardened_statefulset()
    {
        var overlays = Kustomize.EveryOverlay();
        Assert.Contains(overlays, o => o.EndsWith("single-sqlite", StringComparison.Ordinal));
        foreach (var overlay in overlays)
        {
            var objects = await Kustomize.RenderAsync(overlay);
            var kinds = objects.Select(o => o.GetType().Name).Order().ToList();
            Assert.Equal(
                ["V1ClusterRole", "V1ClusterRoleBinding", "V1ConfigMap", "V1Namespace", "V1PodDisruptionBudget", "V1Role", "V1RoleBinding", "V1Service", "V1Service", "V1ServiceAccount", "V1StatefulSet"],
                kinds);

            var set = objects.OfType<V1StatefulSet>().Single();
            var pod = set.Spec.Template.Spec;
            var agent = pod.Containers.Single();
            Assert.Equal(objects.OfType<V1ServiceAccount>().Single().Metadata.Name, pod.ServiceAccountName);
            Assert.Equal(("/healthz", "/readyz", "/healthz"), (agent.LivenessProbe.HttpGet.Path, agent.ReadinessProbe.HttpGet.Path, agent.StartupProbe.HttpGet.Path));
            Assert.Equal((true, 1654L, "RuntimeDefault"), (pod.SecurityContext.RunAsNonRoot!.Value, pod.SecurityContext.RunAsUser!.Value, pod.SecurityContext.SeccompProfile.Type));
            Assert.Equal((true, false, "ALL"), (agent.SecurityContext.ReadOnlyRootFilesystem!.Value, agent.SecurityContext.AllowPrivilegeEscalation!.Value, string.Join(",", agent.SecurityContext.Capabilities.Drop)));
            Assert.True(pod.TerminationGracePeriodSeconds >= 60, "the drain's bound (README, Deploy to Kubernetes) must fit");
            Assert.True(agent.Resources.Requests.ContainsKey("cpu") && agent.Resources.Requests.ContainsKey("memory"));
            Assert.Equal(["/etc/scheduler", "/run/secrets/scheduler", "/tmp", "/var/lib/scheduler"], agent.VolumeMounts.Select(m => m.MountPath).Order());
            var volumes = pod.Volumes.Select(v => v.Name).Concat(set.Spec.VolumeClaimTemplates?.Select(c => c.Metadata.Name) ?? []);
            Assert.All(agent.VolumeMounts, m => Assert.Contains(m.Name, volumes));
            Assert.Equal(objects.OfType<V1ConfigMap>().Single().Metadata.Name, pod.Volumes.Single(v => v.Name == "config").ConfigMap.Name);

            var headless = objects.OfType<V1Service>().Single(s => s.Metadata.Name == set.Spec.ServiceName);
            Assert.Equal(("None", true), (headless.Spec.ClusterIP, headless.Spec.PublishNotReadyAddresses!.Value));
            var podLabels = set.Spec.Template.Metadata.Labels;
            Assert.All(objects.OfType<V1Service>(), s => Assert.All(s.Spec.Selector, l => Assert.Equal(l.Value, podLabels[l.Key])));
            var budget = objects.OfType<V1PodDisruptionBudget>().Single();
            Assert.Equal("1", budget.Spec.MaxUnavailable.Value);
            Assert.All(budget.Spec.Selector.MatchLabels, l => Assert.Equal(l.Value, podLabels[l.Key]));
        }
    }

    [Fact]
    public async Task The_base_runs_three_replicas_on_postgres_and_the_sqlite_overlay_one_on_a_volume_claim()
    {
        var base3 = (await Kustomize.RenderAsync(Kustomize.BaseDirectory)).OfType<V1StatefulSet>().Single();
        Assert.Equal(3, base3.Spec.Replicas);
        Assert.Equal(
            [("SCHED_POSTGRES", "scheduler-database", "connection-string"), ("SCHED_SECRETS_KEY", "scheduler-database", "secrets-key")],
            base3.Spec.Template.Spec.Containers[0].Env.Where(e => e.ValueFrom?.SecretKeyRef is not null)
                .Select(e => (e.Name, e.ValueFrom.SecretKeyRef.Name, e.ValueFrom.SecretKeyRef.Key)));
        Assert.Equal("scheduler-tokens", base3.Spec.Template.Spec.Volumes.Single(v => v.Name == "tokens").Secret.SecretName);

        var single = (await Kustomize.RenderAsync(RepoRoot.Combine("deploy", "kubernetes", "overlays", "single-sqlite"))).OfType<V1StatefulSet>().Single();
        Assert.Equal(1, single.Spec.Replicas);
        Assert.DoesNotContain(single.Spec.Template.Spec.Containers[0].Env, e => e.ValueFrom?.SecretKeyRef is not null);
        Assert.Equal("data", single.Spec.VolumeClaimTemplates.Single().Metadata.Name);
        Assert.DoesNotContain(single.Spec.Template.Spec.Volumes, v => v.Name == "data");
    }
}
