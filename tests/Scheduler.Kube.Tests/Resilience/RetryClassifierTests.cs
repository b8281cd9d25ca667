using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Scheduler.Kube.Resilience;

namespace Scheduler.Kube.Tests.Resilience;

public class RetryClassifierTests
{
    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public void Server_overload_and_gateway_errors_are_retried(int status) =>
        Assert.True(RetryClassifier.IsRetryableStatus(status));

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(410)]
    [InlineData(422)]
    [InlineData(501)]
    public void Client_errors_are_answers_and_not_retried(int status) =>
        Assert.False(RetryClassifier.IsRetryableStatus(status));

    [Fact]
    public void An_etcd_timeout_is_retried_whatever_5xx_carries_it() =>
        Assert.True(RetryClassifier.IsRetryableStatus(501, "{\"message\":\"etcdserver: request timed out\"}"));

    [Theory]
    [InlineData(SocketError.ConnectionRefused)]
    [InlineData(SocketError.ConnectionReset)]
    [InlineData(SocketError.ConnectionAborted)]
    [InlineData(SocketError.TimedOut)]
    public void Transport_failures_are_retried_even_when_wrapped(SocketError error) =>
        Assert.True(RetryClassifier.IsTransient(new HttpRequestException("send failed", new SocketException((int)error))));

    [Fact]
    public void Unexpected_eof_and_timeouts_are_retried()
    {
        Assert.True(RetryClassifier.IsTransient(new IOException("The response ended prematurely.")));
        Assert.True(RetryClassifier.IsTransient(new TaskCanceledException("timeout", new TimeoutException())));
    }

    [Fact]
    public void A_plain_cancellation_or_a_bug_is_not_retried()
    {
        Assert.False(RetryClassifier.IsTransient(new OperationCanceledException()));
        Assert.False(RetryClassifier.IsTransient(new InvalidOperationException("bug")));
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.Conflict, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public void Kubernetes_client_errors_are_classified_by_status(HttpStatusCode status, bool expected)
    {
        var exception = new HttpOperationException("failed")
        {
            Response = new HttpResponseMessageWrapper(new HttpResponseMessage(status), "{}"),
        };
        Assert.Equal(expected, RetryClassifier.IsTransient(exception));
    }

    [Fact]
    public void A_watch_error_status_is_classified_by_its_code()
    {
        Assert.False(RetryClassifier.IsTransient(new KubernetesException(new V1Status { Code = 410, Reason = "Expired" })));
        Assert.True(RetryClassifier.IsTransient(new KubernetesException(new V1Status { Code = 500, Reason = "InternalError" })));
    }

    [Theory]
    [InlineData("The server returned status code '503' when status code '101' was expected.", true)]
    [InlineData("The server returned status code '403' when status code '101' was expected.", false)]
    public void A_refused_websocket_upgrade_is_classified_by_its_status(string message, bool expected) =>
        Assert.Equal(expected, RetryClassifier.IsTransient(new WebSocketException(message)));

    [Fact]
    public void A_websocket_that_closed_prematurely_is_retried() =>
        Assert.True(RetryClassifier.IsTransient(new WebSocketException(WebSocketError.ConnectionClosedPrematurely)));
}
