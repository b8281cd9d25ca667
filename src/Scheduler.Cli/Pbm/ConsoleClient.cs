using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Scheduler.Agent.Pbm;

namespace Scheduler.Cli.Pbm;

/// <summary>
/// One request to a replica's console over <see cref="ConsoleProtocol"/>: sends the words, prints the answer as it
/// streams (<c>out</c> lines to <c>output</c>, <c>err</c> lines to <c>error</c>) and returns the command's exit code.
/// </summary>
public sealed class ConsoleClient(string host, int port, string? token)
{
    public string Endpoint => host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";

    /// <exception cref="ConsoleUnreachableException">Nothing answers at the endpoint, or it hung up mid-answer.</exception>
    public async Task<int> RunAsync(IReadOnlyList<string> words, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var exitCode = (int?)null;
        await ExchangeAsync(new ConsoleRequest(token, words), async response =>
        {
            if (response.Out is { } line)
                await output.WriteLineAsync(line);
            if (response.Err is { } problem)
                await error.WriteLineAsync(problem);
            exitCode ??= response.Exit;
        }, ct);
        return exitCode ?? throw new ConsoleUnreachableException($"the console at {Endpoint} hung up before the command ended");
    }

    /// <summary>The palettes the replica serves, for completion; empty when it refuses (a wrong token).</summary>
    public async Task<IReadOnlyList<PaletteSpec>> PalettesAsync(CancellationToken ct)
    {
        IReadOnlyList<PaletteSpec> palettes = [];
        await ExchangeAsync(new ConsoleRequest(token, null, Describe: true), response =>
        {
            palettes = response.Palettes ?? palettes;
            return Task.CompletedTask;
        }, ct);
        return palettes;
    }

    private async Task ExchangeAsync(ConsoleRequest request, Func<ConsoleResponse, Task> onResponse, CancellationToken ct)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, ct);
        }
        catch (SocketException e)
        {
            throw new ConsoleUnreachableException($"cannot reach the console at {Endpoint}: {e.Message}");
        }

        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, ConsoleProtocol.Json) + "\n"), ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        try
        {
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                var response = JsonSerializer.Deserialize<ConsoleResponse>(line, ConsoleProtocol.Json)
                    ?? throw new ConsoleUnreachableException($"the console at {Endpoint} sent an empty answer");
                await onResponse(response);
                if (response.Exit is not null)
                    return;
            }
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            throw new ConsoleUnreachableException($"the connection to the console at {Endpoint} broke: {e.Message}");
        }
    }
}
