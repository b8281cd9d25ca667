using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Scheduler.Agent.Tests.BadInput;

/// <summary>
/// One bad HTTP request and the error it must get: the status, and a detail naming <see cref="Field"/> whose message
/// contains <see cref="Message"/>. In <see cref="Path"/>, <c>{parked}</c> and <c>{other}</c> stand for queued tasks of
/// the two sweep classes. With <see cref="SameForUnknownTask"/>, the same request about a task that does not exist
/// must get the very same answer (a 401 or 403 reveals nothing about which tasks exist).
/// </summary>
public sealed record BadRequest(
    string Name,
    HttpMethod Method,
    string Path,
    string? Token,
    HttpStatusCode Status,
    string Field,
    string Message)
{
    public const string UnknownTaskId = "t-0sweep0unknown0task";

    public string? ContentType { get; init; } = "application/yaml";

    public byte[]? Body { get; init; }

    public string Text { init => Body = Encoding.UTF8.GetBytes(value); }

    /// <summary>Sent as the whole Authorization header instead of a bearer <see cref="Token"/>.</summary>
    public string? RawAuthorization { get; init; }

    /// <summary>Sent without a Content-Length, as chunks.</summary>
    public bool Chunked { get; init; }

    public bool SameForUnknownTask { get; init; }

    public HttpRequestMessage ToRequest(SweepAgent agent, bool unknownTask = false)
    {
        var path = Path
            .Replace("{parked}", unknownTask ? UnknownTaskId : agent.ParkedJobId)
            .Replace("{other}", unknownTask ? UnknownTaskId : agent.OtherJobId);
        var request = new HttpRequestMessage(Method, new Uri(agent.ApiBaseUri, path));
        if (RawAuthorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", RawAuthorization);
        else if (Token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (Body is not null)
        {
            HttpContent content = Chunked ? new StreamContent(new UnsizedStream(Body)) : new ByteArrayContent(Body);
            if (ContentType is not null)
                content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            request.Content = content;
        }
        return request;
    }

    public override string ToString() => Name;

    /// <summary>A stream that does not tell its length, so that HttpClient sends it chunked.</summary>
    private sealed class UnsizedStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
