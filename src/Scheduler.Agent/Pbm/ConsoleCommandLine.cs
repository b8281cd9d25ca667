namespace Scheduler.Agent.Pbm;

/// <summary>Turns a request's words (<c>scheduler jobs -s running</c>) into a palette and a <see cref="ConsoleCommand"/>.</summary>
public static class ConsoleCommandLine
{
    public sealed record Parsed(PaletteSpec Palette, ConsoleCommand Command);

    /// <returns>The parsed command, or null with <paramref name="error"/> saying what is wrong and what would be right.</returns>
    public static Parsed? Parse(IReadOnlyList<string> words, IReadOnlyList<PaletteSpec> palettes, out string error)
    {
        error = "";
        var palette = palettes.FirstOrDefault(p => p.Name == words[0]);
        if (palette is null)
        {
            error = $"unknown palette \"{words[0]}\"; palettes: {string.Join(", ", palettes.Select(p => p.Name))}";
            return null;
        }
        if (words.Count < 2)
        {
            error = $"{palette.Name}: missing command; commands: {CommandList(palette)}";
            return null;
        }
        var command = palette.Command(words[1]);
        if (command is null)
        {
            error = $"{palette.Name}: unknown command \"{words[1]}\"; commands: {CommandList(palette)}";
            return null;
        }

        var options = new Dictionary<string, string>();
        for (var i = 2; i < words.Count; i++)
        {
            var word = words[i];
            var option = word is ['-', _, ..] ? command.Options.FirstOrDefault(o => o.Flag == word[1..]) : null;
            if (option is null)
            {
                error = $"{palette.Name} {command.Name}: unexpected \"{word}\"; usage: {palette.Name} {command.Usage}";
                return null;
            }
            if (option.ValueName is null)
            {
                options[option.Flag] = "";
                continue;
            }
            if (i + 1 >= words.Count)
            {
                error = $"{palette.Name} {command.Name}: -{option.Flag} needs a value <{option.ValueName}>";
                return null;
            }
            options[option.Flag] = words[++i];
        }

        if (command.Options.FirstOrDefault(o => o.Required && !options.ContainsKey(o.Flag)) is { } missing)
        {
            error = $"{palette.Name} {command.Name}: missing -{missing.Flag} <{missing.ValueName}>; usage: {palette.Name} {command.Usage}";
            return null;
        }
        return new Parsed(palette, new ConsoleCommand(command.Name, options));
    }

    private static string CommandList(PaletteSpec palette) => string.Join(", ", palette.Commands.Select(c => c.Name));
}
