namespace Scheduler.Agent.Tests.BadInput;

/// <summary>
/// A bad <c>sched</c> command line, run as a real process, which must exit 2 with <see cref="Message"/> on stderr. In
/// <see cref="Args"/>: <c>{server}</c> is the sweep agent's URL, <c>{parked-token}</c>/<c>{operator-token}</c> token
/// files, <c>{other}</c> a task of the other class, <c>{bad-spec}</c> a spec without a step's run, <c>{bad-config}</c>
/// a config with a bad duration, and <c>{fresh-dir}</c> a directory that must still not exist afterwards.
/// </summary>
public sealed record BadCommandLine(string Name, string[] Args, string Message)
{
    public override string ToString() => Name;
}

public static class BadCommandLineCases
{
    public static readonly IReadOnlyList<BadCommandLine> All =
    [
        new("an unknown command", ["frobnicate"], "'frobnicate'"),
        new("a token on the command line", ["agent", "--token", "secret", "--data-dir", "{fresh-dir}"], "'--token'"),
        new("a console token on the command line", ["pbm", "127.0.0.1:1", "--token", "secret", "cluster", "show"], "--token is not accepted"),
        new("agent with a missing config file", ["agent", "--config", "/nonexistent/agent.conf", "--data-dir", "{fresh-dir}"], "/nonexistent/agent.conf"),
        new("agent with a bad config", ["agent", "--config", "{bad-config}", "--data-dir", "{fresh-dir}"], "agent.maxRunTime: invalid duration \"3x\""),
        new("agent with a bad --listen", ["agent", "--listen", "ftp://127.0.0.1:21", "--data-dir", "{fresh-dir}", "--console", "127.0.0.1:0"], "--listen: must be an absolute http(s) URL"),
        new("agent with a bad --console", ["agent", "--console", "nowhere", "--data-dir", "{fresh-dir}"], "--console: the listen address must be HOST:PORT"),
        new("submit without a file", ["submit", "--server", "{server}", "--token-file", "{parked-token}"], "Required argument missing"),
        new("submit a missing file", ["submit", "/nonexistent/task.yaml", "--server", "{server}", "--token-file", "{parked-token}"], "cannot read /nonexistent/task.yaml"),
        new("submit a bad spec", ["submit", "{bad-spec}", "--server", "{server}", "--token-file", "{parked-token}"], "steps[0].run: required"),
        new("a server that is not a URL", ["status", "t-1", "--server", "not a url", "--token-file", "{parked-token}"], "--server must be an http(s) URL"),
        new("a missing token file", ["status", "t-1", "--server", "{server}", "--token-file", "/nonexistent/token"], "cannot read the token file \"/nonexistent/token\""),
        new("a negative log offset", ["logs", "t-1", "--offset", "-1", "--server", "{server}", "--token-file", "{parked-token}"], "--offset must not be negative"),
        new("a log offset that is not a number", ["logs", "t-1", "--offset", "ten", "--server", "{server}", "--token-file", "{parked-token}"], "'ten'"),
        new("cancel another class's task", ["cancel", "{other}", "--server", "{server}", "--token-file", "{parked-token}"], "(403)"),
        new("status of a traversal id", ["status", "../../etc/passwd", "--server", "{server}", "--token-file", "{operator-token}"], "no job with id"),
    ];

    public static TheoryData<string> Names => new(All.Select(c => c.Name));

    public static BadCommandLine Named(string name) => All.Single(c => c.Name == name);
}
