using k8s.Models;
using Scheduler.Domain.Tasks;

namespace Scheduler.Domain.Pods;

/// <summary>
/// The task's services as containers of its pod, after the template's: named as the service, with its image, its
/// command (none keeps the image's entrypoint), its own env (never the task's secrets) and its port declared.
/// They share the pod's network, so the steps reach each service on <c>localhost</c>, and stop with the pod.
/// </summary>
public static class ServiceContainers
{
    public static IEnumerable<V1Container> Build(IReadOnlyList<ServiceSpec> services) => services.Select(service => new V1Container
    {
        Name = service.Name,
        Image = service.Image,
        Command = service.Command?.ToList(),
        Env = service.Environment.Count == 0
            ? null
            : service.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new V1EnvVar { Name = e.Key, Value = e.Value }).ToList(),
        Ports = service.Port is { } port ? [new V1ContainerPort { ContainerPort = port, Protocol = "TCP" }] : null,
    });
}
