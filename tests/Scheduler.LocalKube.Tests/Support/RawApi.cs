using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Scheduler.LocalKube.Tests.Support;

/// <summary>Plain HTTP against LocalKube, for asserting wire details (status codes, bodies, watch lines).</summary>
public sealed class RawApi(Uri baseUri) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUri, Timeout = Timeout.InfiniteTimeSpan };

    public Task<(int Code, JsonNode? Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json") =>
        SendContentAsync(method, path, body is null ? null : new StringContent(body, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType)));

    /// <summary>Sends a binary body, such as Kubernetes protobuf.</summary>
    public Task<(int Code, JsonNode? Body, HttpResponseMessage Response)> SendBytesAsync(HttpMethod method, string path, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return SendContentAsync(method, path, content);
    }

    private async Task<(int Code, JsonNode? Body, HttpResponseMessage Response)> SendContentAsync(HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try
        {
            json = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return ((int)response.StatusCode, json, response);
    }

    /// <summary>Opens a watch and returns its lines as they arrive.</summary>
    public async Task<WatchLines> WatchAsync(string pathAndQuery, CancellationToken ct = default)
    {
        var response = await _http.GetAsync(pathAndQuery, HttpCompletionOption.ResponseHeadersRead, ct);
        return new WatchLines(response, new StreamReader(await response.Content.ReadAsStreamAsync(ct)));
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>The lines of a raw watch stream.</summary>
public sealed class WatchLines(HttpResponseMessage response, StreamReader reader) : IDisposable
{
    public HttpResponseMessage Response { get; } = response;

    /// <summary>The next event, or null when the server ended the stream.</summary>
    public async Task<JsonNode?> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var line = await reader.ReadLineAsync(cts.Token);
        return line is null ? null : JsonNode.Parse(line);
    }

    /// <summary>Reads events until one satisfies the condition.</summary>
    public async Task<JsonNode> NextMatchingAsync(Func<JsonNode, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException("no matching watch event");
            var next = await NextAsync(left) ?? throw new InvalidOperationException("the watch ended before a matching event");
            if (condition(next)) return next;
        }
    }

    public void Dispose()
    {
        reader.Dispose();
        Response.Dispose();
    }
}
