using k8s.Models;
using Scheduler.Domain.Jobs;
using Scheduler.Domain.Pods;

namespace Scheduler.Domain.Tests.Pods;

/// <summary>Every task pod is built secure by default; a template may tighten the defaults and never silently loosen them.</summary>
public class PodSecurityTests
{
    private static readonly JobPodRequest Request = new(
        new JobId("t-sec"), 1, "ci", "acme/small", null, new Dictionary<string, string>(), null, [], TimeSpan.FromMinutes(5));

    private static V1Pod Build(V1PodSpec spec) => PodBuilder.Build(new PodTemplate(new V1ObjectMeta(), spec), ExecutionMode.Exec, Request);

    [Fact]
    public void An_empty_template_gets_every_secure_default()
    {
        var pod = Build(new V1PodSpec());

        Assert.False(pod.Spec.AutomountServiceAccountToken);
        Assert.Equal("RuntimeDefault", pod.Spec.SecurityContext.SeccompProfile.Type);
        var context = pod.Spec.Containers[0].SecurityContext;
        Assert.False(context.AllowPrivilegeEscalation);
        Assert.Equal(["NET_RAW"], context.Capabilities.Drop);
        Assert.Null(pod.Spec.SecurityContext.RunAsNonRoot);
    }

    [Fact]
    public void A_template_that_tightens_keeps_its_settings_and_sidecars_get_the_defaults_too()
    {
        var pod = Build(new V1PodSpec
        {
            SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true, RunAsUser = 1000 },
            Containers =
            [
                new V1Container { SecurityContext = new V1SecurityContext { ReadOnlyRootFilesystem = true, Capabilities = new V1Capabilities { Drop = ["ALL"] } } },
                new V1Container { Name = "sidecar", Image = "redis:7" },
            ],
        });

        Assert.True(pod.Spec.SecurityContext.RunAsNonRoot);
        Assert.Equal(1000, pod.Spec.SecurityContext.RunAsUser);
        Assert.Equal("RuntimeDefault", pod.Spec.SecurityContext.SeccompProfile.Type);
        var primary = pod.Spec.Containers[0].SecurityContext;
        Assert.True(primary.ReadOnlyRootFilesystem);
        Assert.Equal(["ALL"], primary.Capabilities.Drop);
        Assert.False(primary.AllowPrivilegeEscalation);
        Assert.Equal(["NET_RAW"], pod.Spec.Containers[1].SecurityContext.Capabilities.Drop);
    }

    [Fact]
    public void A_template_without_loosenings_has_none()
    {
        Assert.Empty(PodSecurity.Loosenings(new V1PodSpec { Containers = [new V1Container { SecurityContext = new V1SecurityContext { RunAsNonRoot = true } }] }));
    }

    [Fact]
    public void Each_loosening_is_named_by_its_field_path()
    {
        var spec = new V1PodSpec
        {
            AutomountServiceAccountToken = true,
            HostNetwork = true,
            SecurityContext = new V1PodSecurityContext { SeccompProfile = new V1SeccompProfile { Type = "Unconfined" } },
            Containers =
            [
                new V1Container
                {
                    SecurityContext = new V1SecurityContext
                    {
                        Privileged = true,
                        AllowPrivilegeEscalation = true,
                        Capabilities = new V1Capabilities { Add = ["SYS_ADMIN"] },
                    },
                },
            ],
        };

        var paths = PodSecurity.Loosenings(spec).Select(l => l.Path).ToList();

        Assert.Equal(
            [
                "spec.automountServiceAccountToken", "spec.hostNetwork", "spec.securityContext.seccompProfile",
                "spec.containers[0].securityContext.privileged", "spec.containers[0].securityContext.allowPrivilegeEscalation",
                "spec.containers[0].securityContext.capabilities.add",
            ],
            paths);
    }

    [Fact]
    public void A_privileged_container_allowed_by_its_class_keeps_its_settings()
    {
        var pod = Build(new V1PodSpec
        {
            Containers = [new V1Container { SecurityContext = new V1SecurityContext { Privileged = true, Capabilities = new V1Capabilities { Add = ["NET_RAW"] } } }],
        });

        var context = pod.Spec.Containers[0].SecurityContext;
        Assert.True(context.Privileged);
        Assert.Null(context.AllowPrivilegeEscalation);
        Assert.Null(context.Capabilities.Drop);
    }
}
