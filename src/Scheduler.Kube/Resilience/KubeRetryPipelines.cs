using Polly;
using Polly.Retry;

namespace Scheduler.Kube.Resilience;

/// <summary>Polly pipelines that apply <see cref="RetryClassifier"/> and <see cref="RetryDelay"/>.</summary>
public static class KubeRetryPipelines
{
    /// <summary>For plain HTTP calls: retries transient exceptions and retryable status codes, honouring Retry-After.</summary>
    public static ResiliencePipeline<HttpResponseMessage> ForHttp(KubeRetryOptions options, TimeProvider? timeProvider = null)
    {
        var clock = timeProvider ?? TimeProvider.System;
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                ShouldHandle = args => args.Outcome switch
                {
                    { Exception: { } ex } => ValueTask.FromResult(RetryClassifier.IsTransient(ex)),
                    { Result: { } response } => IsRetryableResponseAsync(response, args.Context.CancellationToken),
                    _ => ValueTask.FromResult(false),
                },
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(RetryDelay.Next(
                    args.AttemptNumber,
                    RetryDelay.RetryAfter(args.Outcome.Result?.Headers.RetryAfter, clock.GetUtcNow()),
                    options,
                    Random.Shared.NextDouble())),
            })
            .Build();
    }

    /// <summary>For opening exec/attach WebSockets: retries only failures that happened before the upgrade.</summary>
    public static ResiliencePipeline ForStreams(KubeRetryOptions options, TimeProvider? timeProvider = null) =>
        new ResiliencePipelineBuilder { TimeProvider = timeProvider ?? TimeProvider.System }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && RetryClassifier.IsTransient(ex)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    RetryDelay.Next(args.AttemptNumber, null, options, Random.Shared.NextDouble())),
            })
            .Build();

    private static async ValueTask<bool> IsRetryableResponseAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        if (status < 400) return false;
        if (RetryClassifier.IsRetryableStatus(status)) return true;
        if (status < 500) return false;
        // Buffered, so the Kubernetes client can still read the Status body afterwards.
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return RetryClassifier.IsRetryableStatus(status, body);
    }
}
