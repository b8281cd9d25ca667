using Akka.Actor;

namespace Scheduler.Agent.Pbm;

/// <summary>Where a command writes its answer: <see cref="ConsoleLine"/>s to the command's sender.</summary>
public sealed class ConsoleReply(IActorRef replyTo)
{
    public void Line(string text) => replyTo.Tell(new ConsoleLine(text));

    public void Lines(IEnumerable<string> lines)
    {
        foreach (var line in lines)
            Line(line);
    }

    public void Error(string text) => replyTo.Tell(new ConsoleLine(text, IsError: true));

    /// <summary>Writes the error line and returns the exit code, for <c>return reply.Fail(…)</c>.</summary>
    public int Fail(string text, int exitCode = ConsoleExitCodes.BadInput)
    {
        Error(text);
        return exitCode;
    }
}
