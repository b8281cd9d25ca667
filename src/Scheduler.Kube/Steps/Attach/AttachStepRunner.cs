using System.Net.WebSockets;
using System.Text;
using Scheduler.Kube.Connection;

namespace Scheduler.Kube.Steps.Attach;

/// <summary>
/// Attach mode: one attach session per job to the pod's long-lived <c>/bin/sh</c> (stdin open), fed one step at a time.
/// A step is done when its marker has arrived on both stdout and stderr; the stream ending first is
/// <see cref="StepStreamLostException"/>. Cancelling a step aborts the session (the caller then deletes the pod).
/// </summary>
public sealed class AttachStepRunner : IStepRunner, IAsyncDisposable
{
    private readonly WebSocket _socket;
    private readonly IAsyncEnumerator<ChannelFrame> _frames;
    private readonly string _podName;
    private readonly string _nonce = StepMarker.NewNonce();
    private readonly SemaphoreSlim _oneStepAtATime = new(1, 1);
    private readonly CancellationTokenSource _sessionCancel = new();
    private int _sequence;
    private bool _broken;

    private AttachStepRunner(WebSocket socket, string podName)
    {
        _socket = socket;
        _podName = podName;
        _frames = ChannelWebSocket.ReadAsync(socket, _sessionCancel.Token).GetAsyncEnumerator(_sessionCancel.Token);
    }

    /// <summary>Attaches to <paramref name="container"/> of <paramref name="podName"/>, whose main process must be a shell reading stdin.</summary>
    public static async Task<AttachStepRunner> AttachAsync(KubeConnection connection, string podName, string container, CancellationToken ct)
    {
        var socket = await connection.OpenStreamAsync(
            (client, token) => client.WebSocketNamespacedPodAttachAsync(
                podName,
                connection.Namespace,
                container,
                stderr: true,
                stdin: true,
                stdout: true,
                tty: false,
                webSocketSubProtocol: ChannelWebSocket.Protocol,
                cancellationToken: token),
            ct).ConfigureAwait(false);
        return new AttachStepRunner(socket, podName);
    }

    public async Task<StepResult> RunAsync(StepInvocation step, IStepOutputSink sink, CancellationToken ct)
    {
        await _oneStepAtATime.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_broken) throw Lost(step, "the attach session was already lost", null);
            try
            {
                return await RunStepAsync(step, sink, ct).ConfigureAwait(false);
            }
            catch
            {
                // A half-read step leaves the session in an unknown position: no further step may use it.
                _broken = true;
                throw;
            }
        }
        finally
        {
            _oneStepAtATime.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _sessionCancel.CancelAsync().ConfigureAwait(false);
        try
        {
            await _frames.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
        _socket.Dispose();
        _sessionCancel.Dispose();
        _oneStepAtATime.Dispose();
    }

    private async Task<StepResult> RunStepAsync(StepInvocation step, IStepOutputSink sink, CancellationToken ct)
    {
        var marker = new StepMarker(_nonce, ++_sequence);
        var stdout = new MarkerScanner(marker.PrefixBytes);
        var stderr = new MarkerScanner(marker.PrefixBytes);
        using var abortOnCancel = ct.Register(() => _socket.Abort());

        try
        {
            var command = Encoding.UTF8.GetBytes(AttachShellCommand.For(step.Script, marker));
            await ChannelWebSocket.SendAsync(_socket, ChannelFrame.Stdin, command, ct).ConfigureAwait(false);

            while (!(stdout.Completed && stderr.Completed))
            {
                if (!await _frames.MoveNextAsync().ConfigureAwait(false))
                {
                    await FlushPendingAsync(sink, stdout, stderr, ct).ConfigureAwait(false);
                    throw Lost(step, "the attach stream ended before the step's exit marker", null);
                }
                var frame = _frames.Current;
                var scanner = frame.Channel switch
                {
                    ChannelFrame.Stdout => stdout,
                    ChannelFrame.Stderr => stderr,
                    _ => null,
                };
                if (scanner is null) continue;
                var output = scanner.Feed(frame.Data.Span);
                if (output.Length > 0) await sink.WriteAsync((OutputStream)frame.Channel, output, ct).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            await FlushPendingAsync(sink, stdout, stderr, ct).ConfigureAwait(false);
            throw Lost(step, $"the attach stream broke: {ex.Message}", ex);
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(ct);
        }

        return new StepResult(stdout.ExitCode!.Value);
    }

    private static async Task FlushPendingAsync(IStepOutputSink sink, MarkerScanner stdout, MarkerScanner stderr, CancellationToken ct)
    {
        if (stdout.TakePending() is { Length: > 0 } outRest) await sink.WriteAsync(OutputStream.Stdout, outRest, ct).ConfigureAwait(false);
        if (stderr.TakePending() is { Length: > 0 } errRest) await sink.WriteAsync(OutputStream.Stderr, errRest, ct).ConfigureAwait(false);
    }

    private StepStreamLostException Lost(StepInvocation step, string why, Exception? inner) =>
        new($"Step {step.Index} ({step.Name}) in pod {_podName}: {why}.", inner);
}
