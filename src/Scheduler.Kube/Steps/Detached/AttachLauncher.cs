using System.Net.WebSockets;
using System.Text;
using Scheduler.Kube.Connection;

namespace Scheduler.Kube.Steps.Detached;

/// <summary>
/// Attach mode's launch path: one attach session per job to the pod's long-lived <c>/bin/sh</c> (stdin open), which is
/// sent one line per step. The line runs <see cref="StepScripts.Launch"/> in a child shell (stdin from /dev/null, so
/// nothing can eat the next line) and the session reads back what the launch reported. The step's output is then
/// followed by exec, from the files, as GitLab Runner's attach strategy does.
/// </summary>
public sealed class AttachLauncher : IAsyncDisposable
{
    private readonly WebSocket _socket;
    private readonly IAsyncEnumerator<ChannelFrame> _frames;
    private readonly string _podName;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly CancellationTokenSource _sessionCancel = new();
    private bool _broken;

    private AttachLauncher(WebSocket socket, string podName)
    {
        _socket = socket;
        _podName = podName;
        _frames = ChannelWebSocket.ReadAsync(socket, _sessionCancel.Token).GetAsyncEnumerator(_sessionCancel.Token);
    }

    /// <summary>False once a launch failed midway: the session's position is unknown, so open a new one.</summary>
    public bool IsUsable => !_broken;

    public static async Task<AttachLauncher> AttachAsync(KubeConnection connection, string podName, string container, CancellationToken ct)
    {
        try
        {
            var socket = await connection.OpenStreamAsync(
                // kubeAPI: pods/attach, get, create
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
            return new AttachLauncher(socket, podName);
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException && !ct.IsCancellationRequested)
        {
            throw new StepStreamLostException($"no attach stream to pod {podName}: {ex.Message}", ex);
        }
    }

    /// <summary>Launches the step unless claimed; returns <see cref="StepScripts.Launched"/>, <see cref="StepScripts.Claimed"/> or <see cref="StepScripts.NoVolume"/>.</summary>
    public async Task<string> LaunchAsync(string stepsDirectory, StepInvocation step, CancellationToken ct)
    {
        await _oneAtATime.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_broken) throw new StepStreamLostException($"the attach session to pod {_podName} was already lost");
            try
            {
                return await SendAndReadAckAsync(stepsDirectory, step, ct).ConfigureAwait(false);
            }
            catch
            {
                _broken = true;
                throw;
            }
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<string> SendAndReadAckAsync(string stepsDirectory, StepInvocation step, CancellationToken ct)
    {
        var marker = StepMarker.New();
        var ack = new MarkerScanner(marker.PrefixBytes);
        var launch = Convert.ToBase64String(Encoding.UTF8.GetBytes(StepScripts.Launch(stepsDirectory, step.Index, step.Script, marker)));
        var line = Encoding.UTF8.GetBytes($"/bin/sh -c \"$(printf '%s' '{launch}' | base64 -d)\" </dev/null\n");
        using var abortOnCancel = ct.Register(() => _socket.Abort());
        try
        {
            await ChannelWebSocket.SendAsync(_socket, ChannelFrame.Stdin, line, ct).ConfigureAwait(false);
            while (!ack.Completed)
            {
                if (!await _frames.MoveNextAsync().ConfigureAwait(false))
                    throw new StepStreamLostException($"the attach stream to pod {_podName} ended before step {step.Index + 1} was launched");
                if (_frames.Current.Channel == ChannelFrame.Stdout)
                    ack.Feed(_frames.Current.Data.Span);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            throw new StepStreamLostException($"the attach stream to pod {_podName} broke: {ex.Message}", ex);
        }
        return ack.Payload!;
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
        _oneAtATime.Dispose();
    }
}
