using System.Net.WebSockets;

namespace Scheduler.LocalKube.Kubelet.Streaming;

/// <summary>
/// One exec: runs the command in the container's context, streams its output, feeds its stdin and ends with the
/// exit status on channel 3. A client that goes away takes the command's whole process group with it.
/// </summary>
public static class ExecSession
{
    public static async Task RunAsync(ChannelSocket socket, ContainerRuntime container, StreamRequest request)
    {
        var receiving = Task.CompletedTask;
        ContainerProcess? process = null;
        try
        {
            await socket.SendReadyAsync(request);
            (process, var error) = container.StartExec(request.Command);
            if (process is null)
            {
                await socket.SendStatusAsync(StreamStatus.StartFailed(
                    $"OCI runtime exec failed: exec failed: unable to start container process: {error}: unknown"));
                await socket.CloseAsync(receiving);
                return;
            }
            if (!request.Stdin)
                await process.CloseStdinAsync();

            var running = process;
            receiving = socket.ReceiveAsync(frame => OnFrameAsync(running, frame), CancellationToken.None)
                .ContinueWith(_ => { if (!running.HasExited) running.Signal(ProcessGroup.SigKill); }, TaskScheduler.Default);

            var output = new OutputForwarder(socket, request, () => running.Signal(ProcessGroup.SigKill));
            var pump = process.PumpOutputAsync(output.ForwardAsync);
            var exitCode = await process.WaitForExitAsync();
            container.EndExec(process);
            await pump;
            output.ThrowIfFailed();
            await socket.SendStatusAsync(StreamStatus.FromExit(request.Command, exitCode));
            await socket.CloseAsync(receiving);
        }
        catch (Exception e) when (e is StreamCutException or WebSocketException or IOException or ObjectDisposedException)
        {
            process?.Signal(ProcessGroup.SigKill);
        }
        finally
        {
            if (process is not null)
            {
                container.EndExec(process);
                await process.WaitForExitAsync();
                process.Dispose();
            }
        }
    }

    private static Task OnFrameAsync(ContainerProcess process, ChannelFrame frame) => frame switch
    {
        { Channel: ChannelProtocol.Stdin, IsClose: true } => process.CloseStdinAsync(),
        { Channel: ChannelProtocol.Stdin } => process.WriteStdinAsync(frame.Data, CancellationToken.None),
        _ => Task.CompletedTask,
    };
}
