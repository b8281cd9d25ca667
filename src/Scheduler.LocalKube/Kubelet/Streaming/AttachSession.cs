using System.Net.WebSockets;

namespace Scheduler.LocalKube.Kubelet.Streaming;

/// <summary>
/// One attach to a container's main process: its output from now on, stdin into it (when the container has
/// <c>stdin: true</c>; otherwise stdin frames are ignored, like the real kubelet), and its exit status at the end.
/// Leaving does not stop the container, except that a <c>stdinOnce</c> container's stdin closes.
/// </summary>
public static class AttachSession
{
    public static async Task RunAsync(ChannelSocket socket, ContainerRuntime container, StreamRequest request)
    {
        var run = container.CurrentRun;
        var output = run.Output.Subscribe();
        var left = new CancellationTokenSource();
        var receiving = Task.CompletedTask;
        try
        {
            await socket.SendReadyAsync(request);
            receiving = socket.ReceiveAsync(frame => OnFrameAsync(container, frame), CancellationToken.None)
                .ContinueWith(_ => left.Cancel(), TaskScheduler.Default);

            var forwarder = new OutputForwarder(socket, request, left.Cancel);
            await foreach (var chunk in output.ReadAllAsync(left.Token))
                await forwarder.ForwardAsync(chunk.Stream, chunk.Data);
            forwarder.ThrowIfFailed();

            var exitCode = await run.Exited;
            await socket.SendStatusAsync(StreamStatus.FromExit(container.Command, exitCode));
            await socket.CloseAsync(receiving);
        }
        catch (Exception e) when (e is StreamCutException or WebSocketException or IOException or OperationCanceledException)
        {
        }
        finally
        {
            run.Output.Unsubscribe(output);
            if (request.Stdin && container.Spec.StdinOnce == true)
                await container.CloseStdinAsync();
        }
    }

    private static Task OnFrameAsync(ContainerRuntime container, ChannelFrame frame)
    {
        if (frame.Channel != ChannelProtocol.Stdin || container.Spec.Stdin != true)
            return Task.CompletedTask;
        if (frame.IsClose)
            return container.Spec.StdinOnce == true ? container.CloseStdinAsync() : Task.CompletedTask;
        return container.WriteStdinAsync(frame.Data, CancellationToken.None);
    }
}
