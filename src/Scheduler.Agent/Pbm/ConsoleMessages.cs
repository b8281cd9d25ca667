namespace Scheduler.Agent.Pbm;

/// <summary>
/// One parsed console command for a palette's actor: the command's name and its options by flag letter
/// (<c>"i"</c> for <c>-i</c>; a switch maps to <c>""</c>). The actor answers its sender with
/// <see cref="ConsoleLine"/>s, then exactly one <see cref="ConsoleEnd"/>. A streaming command goes on until
/// the sender stops.
/// </summary>
public sealed record ConsoleCommand(string Name, IReadOnlyDictionary<string, string> Options)
{
    public string? Option(string flag) => Options.GetValueOrDefault(flag);

    public bool Switch(string flag) => Options.ContainsKey(flag);
}

public sealed record ConsoleLine(string Text, bool IsError = false);

public sealed record ConsoleEnd(int ExitCode);

/// <summary>The exit codes of console commands, the same as <c>sched</c>'s.</summary>
public static class ConsoleExitCodes
{
    public const int Succeeded = 0;
    public const int BadInput = 2;
    public const int Failed = 3;
}
