namespace Scheduler.Kube.Resilience;

/// <summary>
/// Reports each HTTP attempt to an <see cref="IKubeRequestObserver"/>. It sits closest to the wire, below the retry
/// handler, which sends the same request message again on a retry: the message remembers its last code, so a second
/// attempt is reported as a retry of it.
/// </summary>
public sealed class ObservingHandler(IKubeRequestObserver observer) : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<string> LastCode = new("scheduler.kube.last-code");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var kind = KubeRequestKind.Of(request.Method, request.RequestUri!);
        if (request.Options.TryGetValue(LastCode, out var previous))
            observer.Retried(kind, previous);
        var code = "error";
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            code = ((int)response.StatusCode).ToString();
            return response;
        }
        finally
        {
            request.Options.Set(LastCode, code);
            observer.Attempted(kind, code);
        }
    }
}
