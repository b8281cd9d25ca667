using System.Threading.RateLimiting;
using k8s.Models;
using Scheduler.Kube.Connection;
using Scheduler.Kube.Gateway;
using Scheduler.Kube.Resilience;
using Scheduler.LocalKube;

namespace Scheduler.Kube.Tests.Support;

/// <summary>
/// A real in-process LocalKube plus the gateway's connection to it, with fast retries so fault tests stay quick.
/// Every request that reaches the wire is counted by <see cref="Requests"/>.
/// </summary>
public class KubeTestCluster : IAsyncLifetime
{
    public const string JobLabel = "scheduler.test/job-id";
    public const string ManagedLabel = "scheduler.test/managed-by";

    public static readonly KubeRetryOptions FastRetry = new()
    {
        BaseDelay = TimeSpan.FromMilliseconds(10),
        MaxDelay = TimeSpan.FromMilliseconds(50),
        MaxRetryAfter = TimeSpan.FromMilliseconds(100),
    };

    /// <summary>A fresh label value per cluster, so selectors only see this test's pods.</summary>
    public string Manager { get; } = "t" + Guid.NewGuid().ToString("N")[..10];

    public string ManagedSelector => $"{ManagedLabel}={Manager}";

    public LocalKubeServer Server { get; private set; } = null!;

    public KubeConnection Connection { get; private set; } = null!;

    public KubeGateway Gateway { get; private set; } = null!;

    public RequestCounter Requests { get; } = new();

    public virtual async Task InitializeAsync()
    {
        var options = new LocalKubeOptions { BookmarkInterval = TimeSpan.FromMilliseconds(300) };
        ConfigureServer(options);
        Server = await LocalKubeServer.StartAsync(options);
        Connection = Connect(limiter: null);
        Gateway = new KubeGateway(Connection, new KubeGatewayOptions(JobLabel));
    }

    public virtual async Task DisposeAsync()
    {
        Connection?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }

    /// <summary>A second connection to the same server, e.g. with a test-controlled limiter.</summary>
    public KubeConnection Connect(RateLimiter? limiter, RequestCounter? counter = null) =>
        KubeConnection.Create(
            Server.ClientConfiguration(),
            new KubeConnectionOptions { Namespace = "default", Retry = FastRetry },
            limiter,
            timeProvider: null,
            counter ?? Requests);

    protected virtual void ConfigureServer(LocalKubeOptions options)
    {
    }

    public V1Pod Pod(string name, string jobId, params string[] command) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = new Dictionary<string, string> { [ManagedLabel] = Manager, [JobLabel] = jobId },
        },
        Spec = new V1PodSpec
        {
            RestartPolicy = "Never",
            TerminationGracePeriodSeconds = 1,
            Containers =
            [
                new V1Container
                {
                    Name = "build",
                    Image = "busybox",
                    Command = command.Length > 0 ? command : ["/bin/sh", "-c", "sleep 600"],
                },
            ],
        },
    };

    /// <summary>A pod whose main process is a shell reading stdin, for attach mode.</summary>
    public V1Pod ShellPod(string name, string jobId)
    {
        var pod = Pod(name, jobId, "/bin/sh");
        pod.Spec.Containers[0].Stdin = true;
        return pod;
    }

    /// <summary>
    /// A pod laid out as the agent lays out task pods for detached steps: working directory /workspace and the steps
    /// volume /scheduler-steps, both emptyDirs; its main process is a shell reading stdin (attach) or a sleep (exec).
    /// </summary>
    public V1Pod StepPod(string name, string jobId, bool attach)
    {
        var pod = attach ? ShellPod(name, jobId) : Pod(name, jobId);
        var container = pod.Spec.Containers[0];
        container.WorkingDir = "/workspace";
        container.VolumeMounts = [new V1VolumeMount { Name = "scheduler-workspace", MountPath = "/workspace" }, new V1VolumeMount { Name = "scheduler-steps", MountPath = "/scheduler-steps" }];
        pod.Spec.Volumes = [new V1Volume { Name = "scheduler-workspace", EmptyDir = new V1EmptyDirVolumeSource() }, new V1Volume { Name = "scheduler-steps", EmptyDir = new V1EmptyDirVolumeSource() }];
        return pod;
    }

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}
