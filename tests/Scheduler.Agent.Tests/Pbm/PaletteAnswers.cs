using Akka.Actor;
using Akka.Hosting;
using Akka.TestKit;
using Scheduler.Agent.Pbm;

namespace Scheduler.Agent.Tests.Pbm;

/// <summary>What a palette actor answered one command: its lines, then its exit code.</summary>
internal sealed record PaletteAnswer(IReadOnlyList<ConsoleLine> Lines, int ExitCode)
{
    public IReadOnlyList<string> Output => Lines.Where(l => !l.IsError).Select(l => l.Text).ToArray();

    public IReadOnlyList<string> Errors => Lines.Where(l => l.IsError).Select(l => l.Text).ToArray();

    /// <summary>Sends the command from a fresh probe and collects the answer up to its <see cref="ConsoleEnd"/>.</summary>
    public static PaletteAnswer Ask(TestKitBase kit, IActorRef palette, ConsoleCommand command)
    {
        var probe = kit.CreateTestProbe();
        palette.Tell(command, probe);
        var lines = new List<ConsoleLine>();
        while (true)
        {
            switch (probe.ExpectMsg<object>(TimeSpan.FromSeconds(15)))
            {
                case ConsoleLine line:
                    lines.Add(line);
                    break;
                case ConsoleEnd end:
                    return new PaletteAnswer(lines, end.ExitCode);
            }
        }
    }
}

/// <summary>An <see cref="IRequiredActor{TActor}"/> that is a given actor, e.g. a test probe standing in for a singleton.</summary>
internal sealed class GivenActor<TActor>(IActorRef actor) : IRequiredActor<TActor>
{
    public IActorRef ActorRef => actor;

    public Task<IActorRef> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(actor);
}

internal static class ConsoleCommands
{
    public static ConsoleCommand With(string name, params (string Flag, string Value)[] options) =>
        new(name, options.ToDictionary(o => o.Flag, o => o.Value));
}
