namespace Scheduler.LocalKube.Kubelet;

/// <summary>Every LocalKube pod runs on the host's loopback: hostIP and podIP are both this address.</summary>
public static class PodAddress
{
    public const string Ip = "127.0.0.1";
}
