using System.Threading.Channels;
using Akka.Actor;
using Akka.Hosting;

namespace Scheduler.Agent.Pbm;

/// <summary>
/// Runs one request's words: <c>help</c> itself, anything else through its palette's actor, relaying the actor's
/// lines to <c>write</c> as they come. Bad words get an error line and <see cref="ConsoleExitCodes.BadInput"/>.
/// </summary>
public sealed class ConsoleDispatcher(ActorSystem system, IReadOnlyActorRegistry registry)
{
    public async Task<int> RunAsync(IReadOnlyList<string> words, Func<ConsoleLine, Task> write, CancellationToken ct)
    {
        if (words.Count == 0 || words[0] == "help")
            return await HelpAsync(words.Skip(1).FirstOrDefault(), write);
        var parsed = ConsoleCommandLine.Parse(words, ConsolePalettes.Specs, out var error);
        if (parsed is null)
        {
            await write(new ConsoleLine(error, IsError: true));
            return ConsoleExitCodes.BadInput;
        }

        var answers = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        var replyTo = system.ActorOf(ConsoleReplyActor.Props(answers.Writer));
        try
        {
            ConsolePalettes.ActorFor(parsed.Palette, registry).Tell(parsed.Command, replyTo);
            await foreach (var answer in answers.Reader.ReadAllAsync(ct))
            {
                switch (answer)
                {
                    case ConsoleLine line:
                        await write(line);
                        break;
                    case ConsoleEnd end:
                        return end.ExitCode;
                }
            }
            return ConsoleExitCodes.Failed;
        }
        finally
        {
            system.Stop(replyTo);
        }
    }

    private static async Task<int> HelpAsync(string? paletteName, Func<ConsoleLine, Task> write)
    {
        if (paletteName is null)
        {
            foreach (var palette in ConsolePalettes.Specs)
                await write(new ConsoleLine($"{palette.Name,-17} {string.Join(" | ", palette.Commands.Select(c => c.Name))}"));
            await write(new ConsoleLine("help <palette> describes a palette's commands and their options"));
            return ConsoleExitCodes.Succeeded;
        }

        var spec = ConsolePalettes.Specs.FirstOrDefault(p => p.Name == paletteName);
        if (spec is null)
        {
            await write(new ConsoleLine($"unknown palette \"{paletteName}\"; palettes: {string.Join(", ", ConsolePalettes.Specs.Select(p => p.Name))}", IsError: true));
            return ConsoleExitCodes.BadInput;
        }
        await write(new ConsoleLine($"{spec.Name}: {spec.Description}"));
        foreach (var command in spec.Commands)
        {
            await write(new ConsoleLine($"  {spec.Name} {command.Usage}"));
            await write(new ConsoleLine($"      {command.Description}"));
            foreach (var option in command.Options)
                await write(new ConsoleLine($"      {option.Usage.Trim('[', ']')}  {option.Description}"));
        }
        return ConsoleExitCodes.Succeeded;
    }
}
