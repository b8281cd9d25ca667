using Akka.Actor;

namespace Scheduler.Agent.Pbm;

/// <summary>
/// The base of every palette's actor. Each <see cref="ConsoleCommand"/> runs as its own task that writes lines to the
/// command's sender; the actor then sends the <see cref="ConsoleEnd"/>. It watches the sender and cancels the task
/// when the sender stops, which is how a client that disconnects ends a streaming command.
/// </summary>
public abstract class PaletteActor : ReceiveActor
{
    private sealed record CommandDone(IActorRef ReplyTo, int ExitCode);

    private readonly Dictionary<IActorRef, CancellationTokenSource> _running = new();

    protected PaletteActor()
    {
        Receive<ConsoleCommand>(Start);
        Receive<CommandDone>(done =>
        {
            if (!_running.Remove(done.ReplyTo, out var cancellation))
                return; // its client left; nobody waits for the end
            cancellation.Dispose();
            Context.Unwatch(done.ReplyTo);
            done.ReplyTo.Tell(new ConsoleEnd(done.ExitCode));
        });
        Receive<Terminated>(t =>
        {
            if (_running.Remove(t.ActorRef, out var cancellation))
            {
                cancellation.Cancel();
                cancellation.Dispose();
            }
        });
    }

    /// <summary>
    /// Runs one command. Its synchronous part runs on the actor's thread (so it may read the actor's state);
    /// after its first await it must only use <paramref name="reply"/> and thread-safe services.
    /// </summary>
    protected abstract Task<int> RunAsync(ConsoleCommand command, ConsoleReply reply, CancellationToken ct);

    private void Start(ConsoleCommand command)
    {
        var replyTo = Sender;
        var cancellation = new CancellationTokenSource();
        _running[replyTo] = cancellation;
        Context.Watch(replyTo);
        var reply = new ConsoleReply(replyTo);
        Task<int> run;
        try
        {
            run = RunAsync(command, reply, cancellation.Token);
        }
        catch (Exception e)
        {
            run = Task.FromException<int>(e);
        }
        run.PipeTo(Self,
            success: exitCode => new CommandDone(replyTo, exitCode),
            failure: e =>
            {
                if (e is OperationCanceledException || e.InnerException is OperationCanceledException)
                    return new CommandDone(replyTo, ConsoleExitCodes.Succeeded);
                reply.Error($"{command.Name} failed: {e.GetBaseException().Message}");
                return new CommandDone(replyTo, ConsoleExitCodes.Failed);
            });
    }
}
