using System.Net.WebSockets;
using System.Threading.RateLimiting;
using k8s;
using Polly;
using Scheduler.Kube.Resilience;

namespace Scheduler.Kube.Connection;

/// <summary>
/// The replica's one Kubernetes client. Every HTTP call passes the retry handler and then the token-bucket limiter
/// (so each retry costs a token too); exec and attach WebSockets, which do not use the HTTP pipeline,
/// go through <see cref="OpenStreamAsync"/> for the same treatment when they start.
/// </summary>
public sealed class KubeConnection : IDisposable
{
    private readonly RateLimiter _limiter;
    private readonly ResiliencePipeline _streamRetry;

    private readonly IKubeRequestObserver? _observer;

    private KubeConnection(IKubernetes client, string ns, RateLimiter limiter, ResiliencePipeline streamRetry, IKubeRequestObserver? observer)
    {
        Client = client;
        Namespace = ns;
        _limiter = limiter;
        _streamRetry = streamRetry;
        _observer = observer;
    }

    /// <summary>How an exec or attach WebSocket shows in the request metrics (the opener does not say which).</summary>
    private static readonly KubeRequestKind StreamKind = new("create", "pods/exec|attach");

    public IKubernetes Client { get; }

    public string Namespace { get; }

    /// <summary>The limiter's counters (available tokens, queued requests), for metrics.</summary>
    public RateLimiterStatistics? RateLimitStatistics => _limiter.GetStatistics();

    /// <summary>Connects as <paramref name="options"/> says: kubeconfig file (and context), in-cluster, or the default kubeconfig.</summary>
    public static KubeConnection Create(KubeConnectionOptions options)
    {
        var config = options.InCluster
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile(options.KubeconfigPath, options.Context);
        return Create(config, options);
    }

    /// <summary>
    /// Connects with a ready configuration (LocalKube's, for instance). Tests may pass their own
    /// <paramref name="limiter"/> and <paramref name="innerHandlers"/> (closest to the wire) to observe traffic.
    /// </summary>
    public static KubeConnection Create(
        KubernetesClientConfiguration config,
        KubeConnectionOptions options,
        RateLimiter? limiter = null,
        TimeProvider? timeProvider = null,
        params DelegatingHandler[] innerHandlers)
    {
        limiter ??= KubeRateLimiter.Create(options.RateLimit);
        DelegatingHandler[] handlers =
        [
            new RetryingHandler(KubeRetryPipelines.ForHttp(options.Retry, timeProvider)),
            new RateLimitingHandler(limiter),
            .. options.Observer is { } observer ? [new ObservingHandler(observer)] : Array.Empty<DelegatingHandler>(),
            .. innerHandlers,
        ];
        var ns = options.Namespace ?? NonEmpty(config.Namespace) ?? "default";
        return new KubeConnection(new Kubernetes(config, handlers), ns, limiter, KubeRetryPipelines.ForStreams(options.Retry, timeProvider), options.Observer);
    }

    /// <summary>
    /// Opens an exec/attach WebSocket after taking a rate-limit token, retrying failures that happen before the upgrade
    /// (nothing has run in the pod yet, so a retry cannot run a step twice).
    /// </summary>
    public ValueTask<WebSocket> OpenStreamAsync(Func<IKubernetes, CancellationToken, Task<WebSocket>> open, CancellationToken ct) =>
        _streamRetry.ExecuteAsync(
            static async (state, token) =>
            {
                await state.Self._limiter.WaitForTokenAsync(token).ConfigureAwait(false);
                var code = "error";
                try
                {
                    var socket = await state.Open(state.Self.Client, token).ConfigureAwait(false);
                    code = "101";
                    return socket;
                }
                finally
                {
                    state.Self._observer?.Attempted(StreamKind, code);
                }
            },
            (Self: this, Open: open),
            ct);

    public void Dispose()
    {
        Client.Dispose();
        _limiter.Dispose();
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
