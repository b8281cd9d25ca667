using System.Net.WebSockets;
using System.Text;
using Scheduler.Kube.Connection;

namespace Scheduler.Kube.Steps.Detached;

/// <summary>
/// Runs one in-pod script by exec (<c>/bin/sh -c script</c>) and passes its output on, stripped of the end marker the
/// script prints on both streams. Returns the marker's payload as soon as both markers arrived. A stream that ends before both markers arrived is
/// <see cref="StepStreamLostException"/>; an exec the API server refuses is <see cref="StepInfrastructureException"/>.
/// </summary>
public static class ScriptExec
{
    public delegate ValueTask OutputHandler(OutputStream stream, ReadOnlyMemory<byte> chunk, CancellationToken ct);

    public static async Task<string> RunAsync(
        KubeConnection connection, string podName, string container, string script, StepMarker marker, OutputHandler output, CancellationToken ct)
    {
        using var socket = await OpenAsync(connection, podName, container, script, ct).ConfigureAwait(false);
        var stdout = new MarkerScanner(marker.PrefixBytes);
        var stderr = new MarkerScanner(marker.PrefixBytes);
        var status = new StringBuilder();
        try
        {
            await foreach (var frame in ChannelWebSocket.ReadAsync(socket, ct).ConfigureAwait(false))
            {
                var scanner = frame.Channel switch
                {
                    ChannelFrame.Stdout => stdout,
                    ChannelFrame.Stderr => stderr,
                    _ => null,
                };
                if (scanner is not null)
                {
                    var bytes = scanner.Feed(frame.Data.Span);
                    if (bytes.Length > 0) await output((OutputStream)frame.Channel, bytes, ct).ConfigureAwait(false);
                    // Both markers are the script's last output: its result is known without waiting for its exit.
                    if (stdout.Completed && stderr.Completed)
                        return stdout.Payload!;
                }
                else if (frame.Channel == ChannelFrame.Status)
                {
                    status.Append(Encoding.UTF8.GetString(frame.Data.Span));
                }
            }
        }
        catch (WebSocketException ex) when (!ct.IsCancellationRequested)
        {
            throw new StepStreamLostException($"the exec stream in pod {podName} broke: {ex.Message}", ex);
        }

        if (status.Length > 0 && ExecStatus.Parse(status.ToString()) is { ExitCode: null } refused)
            throw new StepInfrastructureException($"the exec in pod {podName} could not run: {refused.FailureMessage}");
        if (!(stdout.Completed && stderr.Completed))
            throw new StepStreamLostException($"the exec stream in pod {podName} ended before the script's end marker");
        return stdout.Payload!;
    }

    private static async Task<WebSocket> OpenAsync(KubeConnection connection, string podName, string container, string script, CancellationToken ct)
    {
        try
        {
            return await connection.OpenStreamAsync(
                // kubeAPI: pods/exec, get, create
                (client, token) => client.WebSocketNamespacedPodExecAsync(
                    podName,
                    connection.Namespace,
                    ["/bin/sh", "-c", script],
                    container,
                    stderr: true,
                    stdin: false,
                    stdout: true,
                    tty: false,
                    webSocketSubProtocol: ChannelWebSocket.Protocol,
                    cancellationToken: token),
                ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException && !ct.IsCancellationRequested)
        {
            throw new StepStreamLostException($"no exec stream to pod {podName}: {ex.Message}", ex);
        }
    }
}
