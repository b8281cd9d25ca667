using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Scheduler.Agent.Actors;
using Scheduler.Agent.Api;
using Scheduler.Agent.Jobs;

namespace Scheduler.Cli.Client;

/// <summary>
/// The agent's HTTP API as the CLI uses it, with one bearer token (a resource class's or the operator's). Errors surface as <see cref="ApiRequestException"/> (the agent said no)
/// or <see cref="AgentUnreachableException"/> (nobody answered).
/// </summary>
public sealed class SchedulerClient(Uri server, string token) : IDisposable
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = server,
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };

    public Uri Server => server;

    /// <summary>Submits a spec (YAML or JSON text); the client's token must be its class's or the operator's.</summary>
    public async Task<JobView> SubmitAsync(string specText, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TaskRoutes.Tasks)
        {
            Content = new StringContent(specText, Encoding.UTF8, "application/yaml"),
        };
        return await SendForJobAsync(request, ct);
    }

    public Task<JobView> GetAsync(string jobId, CancellationToken ct) =>
        SendForJobAsync(new HttpRequestMessage(HttpMethod.Get, TaskRoutes.Task(jobId)), ct);

    public async Task<ResourceClassesView> GetResourceClassesAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ResourceClassRoutes.ResourceClasses);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        await EnsureSuccessAsync(response, ct);
        return await response.Content.ReadFromJsonAsync<ResourceClassesView>(ApiJson.Options, ct)
            ?? throw new InvalidDataException("the agent returned an empty body");
    }

    public Task<JobView> CancelAsync(string jobId, CancellationToken ct) =>
        SendForJobAsync(new HttpRequestMessage(HttpMethod.Post, TaskRoutes.Cancel(jobId)), ct);

    public Task<GarbageCollectorStatus> GarbageCollectorStatusAsync(CancellationToken ct) =>
        SendForAsync<GarbageCollectorStatus>(new HttpRequestMessage(HttpMethod.Get, TaskRoutes.GarbageCollector), ct);

    public Task<GarbageCollectionRun> RunGarbageCollectorAsync(CancellationToken ct) =>
        SendForAsync<GarbageCollectionRun>(new HttpRequestMessage(HttpMethod.Post, TaskRoutes.GarbageCollectorRun), ct);

    /// <summary>
    /// Writes the job's log from byte <paramref name="offset"/> to <paramref name="output"/> as UTF-8 text, flushing
    /// each chunk; with <paramref name="follow"/> it keeps going until the agent ends the stream, at the end of the job's log.
    /// Returns the byte offset after the last byte received, from which a later call resumes.
    /// </summary>
    public async Task<long> CopyLogAsync(string jobId, long offset, bool follow, TextWriter output, CancellationToken ct)
    {
        var uri = $"{TaskRoutes.Logs(jobId)}?offset={offset}&follow={(follow ? "true" : "false")}";
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        await EnsureSuccessAsync(response, ct);

        var position = response.Headers.TryGetValues(TaskRoutes.LogOffsetHeader, out var values)
            && long.TryParse(values.FirstOrDefault(), out var start) ? start : offset;
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var decoder = Encoding.UTF8.GetDecoder();
        var bytes = new byte[16 * 1024];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        while (await ReadLogAsync(body, bytes, position, ct) is var read and > 0)
        {
            var count = decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            await output.WriteAsync(chars.AsMemory(0, count), ct);
            await output.FlushAsync(ct);
            position += read;
        }
        return position;
    }

    /// <summary>A read of the log's body; a connection that breaks (the agent stopped) says where to resume.</summary>
    private async Task<int> ReadLogAsync(Stream body, byte[] buffer, long position, CancellationToken ct)
    {
        try
        {
            return await body.ReadAsync(buffer, ct);
        }
        catch (Exception e) when (e is IOException or HttpRequestException && !ct.IsCancellationRequested)
        {
            throw new AgentUnreachableException(server, new IOException(
                $"the log stream broke at byte {position} (resume with --offset {position}): {e.Message}", e));
        }
    }

    /// <summary>
    /// The job's log from byte <paramref name="offset"/> as <see cref="LogEvent"/>s (output and step boundaries in
    /// log order), followed live until the agent ends the stream at the end of the job's log; the last event is then
    /// <see cref="LogEvent.Types.End"/>. The agent's <see cref="JobLogFollower"/> decides where the log ends.
    /// </summary>
    public async IAsyncEnumerable<LogEvent> FollowLogEventsAsync(string jobId, long offset,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{TaskRoutes.LogEvents(jobId)}?offset={offset}&follow=true");
        using var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        await EnsureSuccessAsync(response, ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct), Encoding.UTF8);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length > 0)
                yield return JsonSerializer.Deserialize<LogEvent>(line, ApiJson.Options)
                    ?? throw new InvalidDataException("the agent sent an empty log event");
        }
    }

    public void Dispose() => _http.Dispose();

    private Task<JobView> SendForJobAsync(HttpRequestMessage request, CancellationToken ct) => SendForAsync<JobView>(request, ct);

    private async Task<T> SendForAsync<T>(HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        using (var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, ct))
        {
            await EnsureSuccessAsync(response, ct);
            return await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, ct)
                ?? throw new InvalidDataException("the agent returned an empty body");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken ct)
    {
        try
        {
            return await _http.SendAsync(request, completion, ct);
        }
        catch (HttpRequestException e) when (e.StatusCode is null)
        {
            throw new AgentUnreachableException(server, e);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
            return;
        ApiError? error = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
            error = await response.Content.ReadFromJsonAsync<ApiError>(ApiJson.Options, ct);
        throw new ApiRequestException(response.StatusCode,
            error ?? new ApiError($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}"));
    }
}
