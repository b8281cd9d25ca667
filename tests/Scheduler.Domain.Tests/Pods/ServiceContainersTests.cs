using k8s.Models;
using Scheduler.Domain.Jobs;
using Scheduler.Domain.Pods;
using Scheduler.Domain.Tasks;

namespace Scheduler.Domain.Tests.Pods;

public class ServiceContainersTests
{
    private static readonly PodTemplate Template = new(new V1ObjectMeta(), new V1PodSpec
    {
        Containers = [new V1Container { Name = "build" }, new V1Container { Name = "sidecar", Image = "envoy:1" }],
    });

    private static JobPodRequest Request(params ServiceSpec[] services) => new(
        new JobId("t-abc"), 1, "ci", "acme/ci", "alpine:3.20", new Dictionary<string, string> { ["TASK_ONLY"] = "1" },
        "sched-t-abc-1-secrets", ["API_TOKEN"], TimeSpan.FromMinutes(10))
    {
        Services = services,
    };

    [Fact]
    public void Each_service_is_a_container_after_the_template_ones_with_its_image_command_env_and_port()
    {
        var pod = PodBuilder.Build(Template, ExecutionMode.Exec, Request(
            new ServiceSpec("db", "postgres:16", null, new Dictionary<string, string> { ["POSTGRES_PASSWORD"] = "test", ["A"] = "1" }, 5432),
            new ServiceSpec("mock", "mock:1", ["mock", "--port", "80"], new Dictionary<string, string>(), null)));

        Assert.Equal(["primary", "sidecar", "db", "mock"], pod.Spec.Containers.Select(c => c.Name));
        var db = pod.Spec.Containers[2];
        Assert.Equal("postgres:16", db.Image);
        Assert.Null(db.Command);
        Assert.Equal([("A", "1"), ("POSTGRES_PASSWORD", "test")], db.Env.Select(e => (e.Name, e.Value)));
        Assert.Equal(5432, Assert.Single(db.Ports).ContainerPort);
        var mock = pod.Spec.Containers[3];
        Assert.Equal(["mock", "--port", "80"], mock.Command);
        Assert.Null(mock.Env);
        Assert.Null(mock.Ports);
    }

    [Fact]
    public void Services_get_neither_the_tasks_environment_nor_its_secrets_nor_its_volumes()
    {
        var pod = PodBuilder.Build(Template, ExecutionMode.Exec, Request(new ServiceSpec("db", "postgres:16", null, new Dictionary<string, string>(), 5432)));

        var db = pod.Spec.Containers.Single(c => c.Name == "db");
        Assert.Null(db.Env);
        Assert.Null(db.VolumeMounts);
    }

    [Fact]
    public void Services_get_the_secure_container_defaults()
    {
        var pod = PodBuilder.Build(Template, ExecutionMode.Exec, Request(new ServiceSpec("db", "postgres:16", null, new Dictionary<string, string>(), 5432)));

        var context = pod.Spec.Containers.Single(c => c.Name == "db").SecurityContext;
        Assert.False(context.AllowPrivilegeEscalation);
        Assert.Contains(PodSecurity.NetRaw, context.Capabilities.Drop);
    }

    [Fact]
    public void A_task_without_services_gets_only_the_template_containers()
    {
        var pod = PodBuilder.Build(Template, ExecutionMode.Exec, Request());

        Assert.Equal(["primary", "sidecar"], pod.Spec.Containers.Select(c => c.Name));
    }
}
