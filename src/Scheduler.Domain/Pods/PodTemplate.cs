using k8s.Models;

namespace Scheduler.Domain.Pods;

/// <summary>A resource class's pod template: the <c>metadata</c> and <c>spec</c> of its config entry.</summary>
public sealed record PodTemplate(V1ObjectMeta Metadata, V1PodSpec Spec);
