using System.Threading.Channels;
using Akka.Actor;

namespace Scheduler.Agent.Pbm;

/// <summary>
/// The sender of one connection's command: it hands what the palette actor answers to the connection through a
/// channel. Stopping it (the client left) is what tells a streaming command to end.
/// </summary>
public sealed class ConsoleReplyActor : ReceiveActor
{
    public ConsoleReplyActor(ChannelWriter<object> answers)
    {
        Receive<ConsoleLine>(line => answers.TryWrite(line));
        Receive<ConsoleEnd>(end =>
        {
            answers.TryWrite(end);
            answers.TryComplete();
        });
    }

    public static Props Props(ChannelWriter<object> answers) => Akka.Actor.Props.Create(() => new ConsoleReplyActor(answers));
}
