using System.Text.Json;

namespace Scheduler.Agent.Api;

/// <summary>The JSON conventions of the HTTP API (camelCase), shared by the server and the CLI's client.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
