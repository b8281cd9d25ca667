using Microsoft.AspNetCore.Http;

namespace Scheduler.LocalKube.Kubelet.Streaming;

/// <summary>The query of an exec or attach request.</summary>
public sealed record StreamRequest(
    IReadOnlyList<string> Command, string? Container, bool Stdin, bool Stdout, bool Stderr, bool Tty)
{
    public static StreamRequest Parse(IQueryCollection query) => new(
        query["command"].Where(c => c is not null).Select(c => c!).ToList(),
        NullIfEmpty(query["container"].ToString()),
        Flag(query, "stdin"),
        Flag(query, "stdout"),
        Flag(query, "stderr"),
        Flag(query, "tty"));

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>Kubernetes accepts 1/true/True (strconv.ParseBool).</summary>
    internal static bool Flag(IQueryCollection query, string name) =>
        query[name].ToString() is { Length: > 0 } v && (v == "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "t" || v == "T");
}
