namespace Scheduler.Agent.Tests.Adoption;

/// <summary>
/// Step scripts for the adoption tests. Each first appends "run" to <c>$EFFECTS/&lt;name&gt;.runs</c>, a file outside
/// the pod that the agent never writes: the test's own evidence of how often the script ran.
/// </summary>
public static class StepScripts
{
    public static (string Name, string Run) Ticks(string name, int count) => (name, $"""
        echo run >> "$EFFECTS/{name}.runs"
        i=1
        while [ $i -le {count} ]; do echo "tick $i"; i=$((i+1)); sleep 0.2; done
        """);

    public static string TicksOutput(int count) => string.Concat(Enumerable.Range(1, count).Select(i => $"tick {i}\n"));

    /// <summary>Ticks until killed.</summary>
    public static (string Name, string Run) Endless(string name) => (name, $"""
        echo run >> "$EFFECTS/{name}.runs"
        i=1
        while :; do echo "tick $i"; i=$((i+1)); sleep 0.2; done
        """);

    /// <summary>Prints "&lt;name&gt; ran".</summary>
    public static (string Name, string Run) Quick(string name) => (name, $"""
        echo run >> "$EFFECTS/{name}.runs"
        echo "{name} ran"
        """);

    /// <summary>
    /// Prints "&lt;name&gt; started", waits until the test creates <c>$EFFECTS/&lt;name&gt;.release</c>, prints
    /// "&lt;name&gt; finished", writes <c>$EFFECTS/&lt;name&gt;.done</c> as its last act and exits with <paramref name="exitCode"/>.
    /// </summary>
    public static (string Name, string Run) Gated(string name, int exitCode = 0) => (name, $"""
        echo run >> "$EFFECTS/{name}.runs"
        echo "{name} started"
        while [ ! -e "$EFFECTS/{name}.release" ]; do sleep 0.05; done
        echo "{name} finished"
        echo done > "$EFFECTS/{name}.done"
        exit {exitCode}
        """);

    public static string GatedOutput(string name) => $"{name} started\n{name} finished\n";
}
