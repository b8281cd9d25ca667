using System.Net.WebSockets;
using System.Text;
using Scheduler.Kube.Connection;

namespace Scheduler.Kube.Steps;

/// <summary>
/// Exec mode: one <c>/bin/sh -c script</c> exec per step. The exit code is read from the status channel only;
/// a stream that ends without a status is <see cref="StepStreamLostException"/>. Cancelling aborts the socket,
/// which makes the kubelet kill the exec'd process.
/// </summary>
public sealed class ExecStepRunner(KubeConnection connection) : IStepRunner
{
    public async Task<StepResult> RunAsync(StepInvocation step, IStepOutputSink sink, CancellationToken ct)
    {
        using var socket = await connection.OpenStreamAsync(
            (client, token) => client.WebSocketNamespacedPodExecAsync(
                step.PodName,
                connection.Namespace,
                ["/bin/sh", "-c", step.Script],
                step.Container,
                stderr: true,
                stdin: false,
                stdout: true,
                tty: false,
                webSocketSubProtocol: ChannelWebSocket.Protocol,
                cancellationToken: token),
            ct).ConfigureAwait(false);

        var status = new StringBuilder();
        try
        {
            await foreach (var frame in ChannelWebSocket.ReadAsync(socket, ct).ConfigureAwait(false))
            {
                switch (frame.Channel)
                {
                    case ChannelFrame.Stdout or ChannelFrame.Stderr:
                        await sink.WriteAsync((OutputStream)frame.Channel, frame.Data, ct).ConfigureAwait(false);
                        break;
                    case ChannelFrame.Status:
                        status.Append(Encoding.UTF8.GetString(frame.Data.Span));
                        break;
                }
            }
        }
        catch (WebSocketException ex) when (!ct.IsCancellationRequested)
        {
            throw new StepStreamLostException($"The exec stream of step {step.Index} ({step.Name}) in pod {step.PodName} broke: {ex.Message}", ex);
        }

        if (status.Length == 0)
            throw new StepStreamLostException($"The exec stream of step {step.Index} ({step.Name}) in pod {step.PodName} ended without an exit status.");

        var parsed = ExecStatus.Parse(status.ToString());
        return parsed.ExitCode is { } exitCode
            ? new StepResult(exitCode)
            : throw new StepInfrastructureException($"Step {step.Index} ({step.Name}) in pod {step.PodName} could not run: {parsed.FailureMessage}");
    }
}
