using System.Net;
using k8s.Models;
using Scheduler.LocalKube.Kubelet;

namespace Scheduler.LocalKube;

/// <summary>How to start a <see cref="LocalKubeServer"/>.</summary>
public sealed class LocalKubeOptions
{
    /// <summary>Port to listen on; 0 picks a free one.</summary>
    public int Port { get; set; } = 0;

    /// <summary>
    /// Address to listen on, and the kubeconfig's server. Another address than 127.0.0.1 (e.g. a veth's) serves
    /// clients in another network namespace, as the chaos suite's partitioned replica.
    /// </summary>
    public IPAddress Address { get; set; } = IPAddress.Loopback;

    /// <summary>Root for pod working directories; default is a new temp directory, deleted on dispose.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>YAML or JSON file holding v1 Node objects (a list, a NodeList, or a multi-document stream).</summary>
    public string? NodesFile { get; set; }

    /// <summary>Nodes to register at start; when neither this nor <see cref="NodesFile"/> gives any, one default node is created.</summary>
    public IList<V1Node> Nodes { get; } = new List<V1Node>();

    /// <summary>Number of change events kept for watch resume; an older resourceVersion gets 410 Expired.</summary>
    public int WatchHistorySize { get; set; } = 1000;

    /// <summary>
    /// How long an Event lives after its last write (kube-apiserver's <c>--event-ttl</c>, default 1 h); expired Events
    /// are deleted by a periodic sweep. <see cref="Timeout.InfiniteTimeSpan"/> keeps them forever.
    /// </summary>
    public TimeSpan EventTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Seed for the fault injector's random choices.</summary>
    public int? FaultSeed { get; set; }

    /// <summary>How often a watch with allowWatchBookmarks=true receives a BOOKMARK.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Log every request (method, path with query, status, duration in ms); by default only rejected requests
    /// (status 400 and up) are logged, with their Status reason and message.
    /// </summary>
    public bool LogAllRequests { get; set; }

    /// <summary>Where request log lines go; default stderr. <see cref="TextWriter.Null"/> silences the log.</summary>
    public TextWriter? RequestLog { get; set; }

    /// <summary>
    /// The first CrashLoopBackOff delay before a container of a restartPolicy Always/OnFailure pod restarts again
    /// (the first restart is immediate; the delay doubles up to 5 min). The kubelet's is 10 s; tests use less.
    /// </summary>
    public TimeSpan ContainerRestartBackOff { get; set; } = RestartBackOff.KubeletInitial;

    /// <summary>Builds the kubelet half; defaults to the process-running kubelet.</summary>
    public Func<IClusterState, string, IKubelet>? KubeletFactory { get; set; }
}
