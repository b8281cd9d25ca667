using k8s;
using System.Collections.Concurrent;
using Scheduler.Kube.Connection;
using Scheduler.Kube.Resilience;
using Scheduler.Kube.Tests.Support;
using Scheduler.LocalKube.Faults;

namespace Scheduler.Kube.Tests.Resilience;

/// <summary>What the connection tells its <see cref="IKubeRequestObserver"/> (the agent's request metrics) about real calls to LocalKube.</summary>
public sealed class RequestObserverTests : KubeTestCluster
{
    [Fact]
    public async Task Each_attempt_is_reported_with_its_code_and_each_retry_with_the_code_that_caused_it()
    {
        var observer = new Recorder();
        using var connection = KubeConnection.Create(Server.ClientConfiguration(),
            new KubeConnectionOptions { Namespace = "default", Retry = FastRetry, Observer = observer });
        Server.Faults.FailNext(2, FaultKind.TooManyRequests, "list", "pods");

        await connection.Client.CoreV1.ListNamespacedPodAsync("default");

        var listPods = new KubeRequestKind("list", "pods");
        Assert.Equal([(listPods, "429"), (listPods, "429"), (listPods, "200")], observer.Attempts);
        Assert.Equal([(listPods, "429"), (listPods, "429")], observer.Retries);
    }

    [Theory]
    [InlineData("GET", "/api/v1/namespaces/default/pods", "list", "pods")]
    [InlineData("GET", "/api/v1/namespaces/default/pods?watch=true&resourceVersion=5", "watch", "pods")]
    [InlineData("GET", "/api/v1/namespaces/default/pods/p1", "get", "pods")]
    [InlineData("GET", "/api/v1/namespaces/default/pods/p1/log?follow=true", "get", "pods/log")]
    [InlineData("POST", "/api/v1/namespaces/default/secrets", "create", "secrets")]
    [InlineData("DELETE", "/api/v1/namespaces/default/pods/p1", "delete", "pods")]
    [InlineData("PATCH", "/api/v1/nodes/n1", "patch", "nodes")]
    [InlineData("GET", "/api/v1/nodes", "list", "nodes")]
    [InlineData("GET", "/apis/events.k8s.io/v1/namespaces/default/events", "list", "events")]
    [InlineData("GET", "/api/v1/namespaces/default", "get", "namespaces")]
    public void A_request_is_named_by_its_verb_and_resource(string method, string path, string verb, string resource) =>
        Assert.Equal(new KubeRequestKind(verb, resource), KubeRequestKind.Of(new HttpMethod(method), new Uri(new Uri("https://127.0.0.1:6443"), path)));

    private sealed class Recorder : IKubeRequestObserver
    {
        private readonly ConcurrentQueue<(KubeRequestKind, string)> _attempts = new();
        private readonly ConcurrentQueue<(KubeRequestKind, string)> _retries = new();

        public IReadOnlyList<(KubeRequestKind, string)> Attempts => _attempts.ToArray();

        public IReadOnlyList<(KubeRequestKind, string)> Retries => _retries.ToArray();

        public void Attempted(KubeRequestKind kind, string code) => _attempts.Enqueue((kind, code));

        public void Retried(KubeRequestKind kind, string previousCode) => _retries.Enqueue((kind, previousCode));
    }
}
