using RadLine;
using Scheduler.Agent.Pbm;

namespace Scheduler.Cli.Pbm;

/// <summary>Tab completion in the REPL: palettes for the first word, then the palette's commands, then the command's options.</summary>
public sealed class PaletteCompletion(IReadOnlyList<PaletteSpec> palettes) : ITextCompletion
{
    public static readonly string[] BuiltIns = ["help", "exit"];

    public IEnumerable<string>? GetCompletions(string context, string word, string suffix) =>
        Candidates(context.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(c => c.StartsWith(word, StringComparison.Ordinal)).ToArray();

    public IEnumerable<string> Candidates(IReadOnlyList<string> before)
    {
        if (before.Count == 0)
            return palettes.Select(p => p.Name).Concat(BuiltIns);
        var palette = palettes.FirstOrDefault(p => p.Name == before[0]);
        if (before[0] == "help" && before.Count == 1)
            return palettes.Select(p => p.Name);
        if (palette is null)
            return [];
        if (before.Count == 1)
            return palette.Commands.Select(c => c.Name);
        return palette.Command(before[1]) is { } command
            ? command.Options.Select(o => $"-{o.Flag}").Where(flag => !before.Contains(flag))
            : [];
    }
}
