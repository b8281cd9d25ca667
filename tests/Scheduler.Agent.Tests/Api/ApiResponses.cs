using System.Net.Http.Json;
using Scheduler.Agent.Api;
using Scheduler.Agent.Jobs;
using Xunit;

namespace Scheduler.Agent.Tests.Api;

/// <summary>Reads and checks the API's JSON bodies.</summary>
internal static class ApiResponses
{
    public static async Task<ApiError> ErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = await response.Content.ReadFromJsonAsync<ApiError>(ApiJson.Options);
        Assert.NotNull(error);
        Assert.False(string.IsNullOrWhiteSpace(error.Error));
        return error;
    }

    /// <summary>Asserts the error names <paramref name="path"/> in its details and returns that detail's message.</summary>
    public static async Task<string> ErrorNamingAsync(HttpResponseMessage response, string path)
    {
        var error = await ErrorAsync(response);
        var detail = Assert.Single(error.Details ?? [], d => d.Path == path);
        return detail.Message;
    }

    public static async Task<JobView> JobAsync(HttpResponseMessage response)
    {
        var job = await response.Content.ReadFromJsonAsync<JobView>(ApiJson.Options);
        Assert.NotNull(job);
        return job;
    }
}
