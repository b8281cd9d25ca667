using System.Collections.Concurrent;

namespace Scheduler.Kube.Tests.Support;

/// <summary>Innermost handler: records every request that actually goes on the wire, retries included.</summary>
public sealed class RequestCounter : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _requests = new();

    public IReadOnlyList<string> All => _requests.ToArray();

    public int Count(string method, string pathPart) =>
        _requests.Count(r => r.StartsWith(method + " ", StringComparison.Ordinal) && r.Contains(pathPart, StringComparison.Ordinal));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue($"{request.Method} {request.RequestUri?.PathAndQuery}");
        return base.SendAsync(request, cancellationToken);
    }
}
