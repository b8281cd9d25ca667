using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using k8s;
using k8s.Autorest;

namespace Scheduler.Kube.Resilience;

/// <summary>
/// Decides which Kubernetes API failures are transient, after GitLab Runner's list: connection refused/reset/aborted,
/// timeouts, unexpected EOF, lost connections, 429, 5xx gateway errors and etcd timeouts.
/// Client errors (400, 401, 403, 404, 409, 410, 422) are answers, not accidents, and are never retried.
/// </summary>
public static partial class RetryClassifier
{
    private static readonly HashSet<int> RetryableStatusCodes = [429, 500, 502, 503, 504];

    public static bool IsRetryableStatus(int statusCode, string? body = null) =>
        RetryableStatusCodes.Contains(statusCode) || (statusCode >= 500 && IsEtcdTimeout(body));

    public static bool IsEtcdTimeout(string? message) =>
        message is not null
        && message.Contains("etcd", StringComparison.OrdinalIgnoreCase)
        && message.Contains("request timed out", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when an exception (or one it wraps) is a transient transport or server failure.</summary>
    public static bool IsTransient(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case HttpOperationException op:
                    return IsRetryableStatus((int)op.Response.StatusCode, op.Response.Content);
                case KubernetesException { Status.Code: { } code } kex:
                    return IsRetryableStatus(code, kex.Status.Message);
                case HttpRequestException { StatusCode: { } status }:
                    return IsRetryableStatus((int)status);
                case HttpRequestException:
                    return true;
                case WebSocketException ws when UpgradeStatus(ws.Message) is { } upgradeStatus:
                    return IsRetryableStatus(upgradeStatus);
                case WebSocketException { WebSocketErrorCode: WebSocketError.ConnectionClosedPrematurely }:
                    return true;
                case SocketException socket:
                    return IsTransientSocketError(socket.SocketErrorCode);
                case IOException:
                case TimeoutException:
                    return true;
            }
        }
        return false;
    }

    private static bool IsTransientSocketError(SocketError error) => error is
        SocketError.ConnectionRefused or SocketError.ConnectionReset or SocketError.ConnectionAborted or
        SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable or
        SocketError.NetworkReset or SocketError.Shutdown or SocketError.TryAgain;

    /// <summary>.NET reports a refused WebSocket upgrade only in the message: "...status code '503' when status code '101' was expected."</summary>
    private static int? UpgradeStatus(string message)
    {
        var match = UpgradeStatusPattern().Match(message);
        return match.Success ? int.Parse(match.Groups[1].Value) : null;
    }

    [GeneratedRegex(@"status code '(\d{3})' when status code '101'")]
    private static partial Regex UpgradeStatusPattern();
}
