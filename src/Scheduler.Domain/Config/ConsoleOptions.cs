using System.Net;
using System.Text;

namespace Scheduler.Domain.Config;

/// <summary>The <c>console.*</c> section: the replica's live-inspection console (<c>sched pbm</c>).</summary>
public sealed record ConsoleOptions
{
    public const int DefaultPort = 9110;

    public bool Enabled { get; init; } = true;

    /// <summary>An IP address or <c>localhost</c>; anything beyond loopback needs a token.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The token every request must carry; unset on loopback means none is asked for.</summary>
    public string? Token { get; init; }

    /// <summary>A file whose content (trimmed) is the token; an alternative to <see cref="Token"/>.</summary>
    public string? TokenFile { get; init; }

    public bool HasToken => Token is not null || TokenFile is not null;

    /// <summary>Null when <see cref="Host"/> is neither an IP address nor <c>localhost</c>.</summary>
    public IPAddress? Address() =>
        string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(Host, out var address) ? address
        : null;

    public bool IsLoopback => Address() is { } address && IPAddress.IsLoopback(address);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Enabled = {Enabled}, Host = {Host}, Port = {Port}, Token = {(Token is null ? "(unset)" : "********")}, TokenFile = {TokenFile}");
        return true;
    }
}
