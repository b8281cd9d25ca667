namespace Scheduler.Agent.Pbm;

/// <summary>A palette as the client sees it: its commands, for help and tab completion.</summary>
public sealed record PaletteSpec(string Name, string Description, IReadOnlyList<CommandSpec> Commands)
{
    public CommandSpec? Command(string name) => Commands.FirstOrDefault(c => c.Name == name);
}

public sealed record CommandSpec(string Name, string Description, IReadOnlyList<OptionSpec>? Options = null)
{
    public IReadOnlyList<OptionSpec> Options { get; init; } = Options ?? [];

    public string Usage => string.Join(' ', Options.Select(o => o.Usage).Prepend(Name));
}

/// <param name="Flag">The letter after the dash: <c>i</c> for <c>-i</c>.</param>
/// <param name="ValueName">The value's name in help; null for a switch.</param>
public sealed record OptionSpec(string Flag, string? ValueName, bool Required, string Description)
{
    public static OptionSpec Value(string flag, string valueName, string description, bool required = false) =>
        new(flag, valueName, required, description);

    public static OptionSpec Switch(string flag, string description) => new(flag, null, false, description);

    public string Usage
    {
        get
        {
            var text = ValueName is null ? $"-{Flag}" : $"-{Flag} <{ValueName}>";
            return Required ? text : $"[{text}]";
        }
    }
}
