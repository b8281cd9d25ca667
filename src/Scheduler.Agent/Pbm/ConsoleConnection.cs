using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Scheduler.Agent.Pbm;

/// <summary>
/// One client connection: reads its request line, checks its token, runs it and streams the answer back. The
/// command is cancelled when the client closes its side, which ends a streaming command (<c>cluster tail</c>).
/// </summary>
internal sealed class ConsoleConnection(TcpClient client, ConsoleToken token, ConsoleDispatcher dispatcher, ILogger log)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public async Task ServeAsync(CancellationToken stopping)
    {
        using var _ = client;
        var stream = client.GetStream();
        try
        {
            var request = await ReadRequestAsync(stream, stopping);
            if (request is null)
            {
                await EndAsync(stream, ConsoleExitCodes.BadInput, "bad request: expected one line of JSON, e.g. {\"args\":[\"cluster\",\"show\"]}", stopping);
                return;
            }
            if (!token.Accepts(request.Token))
            {
                log.LogWarning("console: refused a request from {Remote}: wrong or missing token", client.Client.RemoteEndPoint);
                await EndAsync(stream, ConsoleExitCodes.BadInput, "access denied", stopping);
                return;
            }
            if (request.Describe)
            {
                await WriteAsync(stream, new ConsoleResponse(Palettes: ConsolePalettes.Specs), stopping);
                await WriteAsync(stream, new ConsoleResponse(Exit: ConsoleExitCodes.Succeeded), stopping);
                return;
            }

            using var clientGone = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var watch = WatchForCloseAsync(stream, clientGone);
            var exitCode = await dispatcher.RunAsync(request.Args ?? [], line =>
                WriteAsync(stream, line.IsError ? new ConsoleResponse(Err: line.Text) : new ConsoleResponse(Out: line.Text), clientGone.Token),
                clientGone.Token);
            await WriteAsync(stream, new ConsoleResponse(Exit: exitCode), clientGone.Token);
            client.Client.Shutdown(SocketShutdown.Send);
            await clientGone.CancelAsync();
            await watch;
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client left (or the replica is stopping): nobody is listening for the rest.
        }
    }

    /// <summary>The request line, or null when it is not one line of JSON within the size and time limits.</summary>
    private static async Task<ConsoleRequest?> ReadRequestAsync(NetworkStream stream, CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(RequestTimeout);
        var buffer = new byte[ConsoleProtocol.MaxRequestBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer.AsMemory(length), timeout.Token);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                return null;
            }
            if (read == 0)
                return null;
            var end = Array.IndexOf(buffer, (byte)'\n', length, read);
            length += read;
            if (end >= 0)
                return Parse(buffer.AsSpan(0, end));
        }
        return null;
    }

    private static ConsoleRequest? Parse(ReadOnlySpan<byte> line)
    {
        try
        {
            return JsonSerializer.Deserialize<ConsoleRequest>(line, ConsoleProtocol.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Completes when the client closes its side; cancels the command then.</summary>
    private static async Task WatchForCloseAsync(NetworkStream stream, CancellationTokenSource clientGone)
    {
        var sink = new byte[256];
        try
        {
            while (await stream.ReadAsync(sink, clientGone.Token) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
        await clientGone.CancelAsync();
    }

    private static async Task EndAsync(NetworkStream stream, int exitCode, string error, CancellationToken ct)
    {
        await WriteAsync(stream, new ConsoleResponse(Err: error), ct);
        await WriteAsync(stream, new ConsoleResponse(Exit: exitCode), ct);
    }

    private static async Task WriteAsync(NetworkStream stream, ConsoleResponse response, CancellationToken ct)
    {
        await stream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(response, ConsoleProtocol.Json), ct);
        await stream.WriteAsync(NewLine, ct);
    }
}
