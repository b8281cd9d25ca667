namespace Scheduler.Kube.Gateway;

/// <summary>
/// <paramref name="FencingLabel"/> is the label whose value names the owner of a created object (the job id):
/// after a 409 on a create, the existing object is ours only when it carries the same value.
/// </summary>
public sealed record KubeGatewayOptions(string FencingLabel);
