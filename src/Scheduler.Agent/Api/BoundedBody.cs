using System.Text;
using Microsoft.AspNetCore.Http;

namespace Scheduler.Agent.Api;

/// <summary>Reads a request body as UTF-8 text, refusing to buffer more than a limit.</summary>
internal static class BoundedBody
{
    public enum Outcome { Read, TooLarge, NotUtf8 }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<(Outcome Outcome, string Text)> ReadTextAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
            return (Outcome.TooLarge, "");

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return (Outcome.TooLarge, "");
            buffer.Write(chunk, 0, read);
        }

        try
        {
            return (Outcome.Read, StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
        catch (DecoderFallbackException)
        {
            return (Outcome.NotUtf8, "");
        }
    }
}
