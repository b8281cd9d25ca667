using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scheduler.Agent.Pbm;

/// <summary>
/// The console's wire protocol, one JSON object per line over TCP. The client sends one <see cref="ConsoleRequest"/>;
/// the server answers with <see cref="ConsoleResponse"/> lines (<c>out</c>, <c>err</c>, or <c>palettes</c>) and
/// ends with one carrying <c>exit</c>, then closes. Closing the connection early ends a streaming command.
/// </summary>
public static class ConsoleProtocol
{
    /// <summary>A request line longer than this is refused.</summary>
    public const int MaxRequestBytes = 64 * 1024;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <param name="Args">The command's words, e.g. <c>["scheduler", "jobs", "-s", "running"]</c>.</param>
/// <param name="Describe">Asks for the palettes (for help and completion) instead of running a command.</param>
public sealed record ConsoleRequest(string? Token, IReadOnlyList<string>? Args, bool Describe = false);

public sealed record ConsoleResponse(
    string? Out = null,
    string? Err = null,
    int? Exit = null,
    IReadOnlyList<PaletteSpec>? Palettes = null);
