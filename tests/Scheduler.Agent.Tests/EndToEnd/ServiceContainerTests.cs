using System.Net;
using System.Net.Sockets;
using Scheduler.Agent.Jobs;

namespace Scheduler.Agent.Tests.EndToEnd;

/// <summary>
/// <c>services:</c> on LocalKube, where a service is a process on the pod's localhost: the first step starts only once
/// each service's port accepts, the service's output lands in the job's log after the steps, and a service that never
/// accepts or exits early fails the job as an infrastructure failure.
/// </summary>
public sealed class ServiceContainerTests : IAsyncLifetime
{
    private const string Hocon = """
        agent {
          resourceClasses {
            "local/small" { token = "small-token", execution = exec }
            "local/attach" { token = "attach-token", execution = attach }
            "test/impatient" { token = "impatient-token", execution = exec, serviceStartTimeout = 3s }
          }
        }
        """;

    private AgentFixture _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentFixture.StartAsync(Hocon);

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    /// <summary>A TCP server in Python that answers <c>pong</c>, started only after <paramref name="delay"/> seconds.</summary>
    private static string PongServer(int port, int delay) => $$"""
        echo "service starting"; sleep {{delay}}; exec python3 -u -c '
        import socket
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", {{port}}))
        s.listen()
        print("listening on {{port}}")
        while True:
            c, _ = s.accept()
            c.sendall(b"pong\n")
            c.close()
        '
        """;

    private static string Indented(string text, int spaces) =>
        string.Join("\n", text.Split('\n').Select(line => new string(' ', spaces) + line));

    [Theory]
    [InlineData("local/small")]
    [InlineData("local/attach")]
    public async Task The_first_step_reaches_a_service_that_listens_only_after_a_delay_and_its_output_is_in_the_log(string resourceClass)
    {
        var port = FreePort();
        var submitted = await _agent.SubmitAsync($"""
            resource_class: {resourceClass}
            services:
              - name: pong
                image: python:3.12-alpine
                port: {port}
                command: |
            {Indented(PongServer(port, delay: 2), 6)}
            steps:
              - name: connect
                run: python3 -c 'import socket; print("got", socket.create_connection(("127.0.0.1", {port})).recv(16).decode().strip())'
            """);

        var (view, log) = await _agent.AwaitEndAsync(submitted.Id);

        Assert.True(view.State == JobStates.Succeeded, $"{view.State}: {view.FailureReason}\n{log}");
        Assert.Contains("got pong", log);
        var service = log[log.IndexOf("==> service pong (python:3.12-alpine)\n", StringComparison.Ordinal)..];
        Assert.True(log.IndexOf("got pong", StringComparison.Ordinal) < log.IndexOf("==> service pong", StringComparison.Ordinal), log);
        Assert.Contains("service starting\n", service);
        Assert.Contains($"listening on {port}\n", service);
        Assert.EndsWith("<== service pong: stopped with the pod\n", log);
        Assert.Equal(0, await _agent.ManagedPodCountAsync());
    }

    [Fact]
    public async Task A_service_that_never_accepts_fails_the_job_naming_it_and_its_output_is_kept()
    {
        var port = FreePort();
        var submitted = await _agent.SubmitAsync($"""
            resource_class: test/impatient
            services:
              - name: mute
                image: alpine:3.20
                port: {port}
                command: ["/bin/sh", "-c", "echo 'never listening'; exec sleep 300"]
            steps: [echo must not run]
            """);

        var (view, log) = await _agent.AwaitEndAsync(submitted.Id);

        Assert.Equal(JobStates.InfraFailed, view.State);
        Assert.Contains($"service mute did not accept TCP on port {port} within serviceStartTimeout (3s)", view.FailureReason);
        Assert.Contains("never listening", view.FailureReason);
        Assert.DoesNotContain("must not run", log);
        Assert.Equal("==> service mute (alpine:3.20)\nnever listening\n<== service mute: stopped with the pod\n", log);
        Assert.Equal(0, await _agent.ManagedPodCountAsync());
    }

    [Fact]
    public async Task A_service_that_exits_before_accepting_fails_the_job_with_its_exit_code()
    {
        var submitted = await _agent.SubmitAsync($"""
            resource_class: local/small
            services:
              - name: crashing
                image: alpine:3.20
                port: {FreePort()}
                command: echo 'bad config' >&2; exit 7
            steps: [echo must not run]
            """);

        var (view, log) = await _agent.AwaitEndAsync(submitted.Id);

        Assert.Equal(JobStates.InfraFailed, view.State);
        Assert.Contains("service crashing exited with code 7", view.FailureReason);
        Assert.Contains("bad config", view.FailureReason);
        Assert.EndsWith("bad config\n<== service crashing: exited with code 7\n", log);
    }

    [Fact]
    public async Task A_service_without_a_port_is_not_waited_for_and_still_framed_in_the_log()
    {
        var submitted = await _agent.SubmitAsync("""
            resource_class: local/small
            services:
              - name: idle
                image: alpine:3.20
                command: exec sleep 300
            steps: [echo step ran]
            """);

        var (view, log) = await _agent.AwaitEndAsync(submitted.Id);

        Assert.Equal(JobStates.Succeeded, view.State);
        Assert.Equal("step ran\n==> service idle (alpine:3.20)\n<== service idle: stopped with the pod\n", log);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
