using System.Diagnostics;
using System.Net.Http.Json;
using k8s;
using k8s.Models;
using Scheduler.Agent.Api;
using Scheduler.Agent.Tests.EndToEnd;
using Scheduler.Agent.Tests.Support;

namespace Scheduler.Agent.Tests.ConstraintChecker;

/// <summary>An <see cref="AgentFixture"/> with the constraint checker's view through the API, and node edits through the Kubernetes API.</summary>
public sealed class CheckedAgent(AgentFixture agent) : IAsyncDisposable
{
    private readonly HttpClient _http = agent.ApiClient();

    public AgentFixture Agent { get; } = agent;

    public static async Task<CheckedAgent> StartAsync(string hocon) => new(await AgentFixture.StartAsync(hocon));

    public async Task<ResourceClassesView> ClassesAsync() =>
        (await _http.GetFromJsonAsync<ResourceClassesView>(ResourceClassRoutes.ResourceClasses, ApiJson.Options))!;

    public async Task<ResourceClassView> ClassAsync(string name) => (await ClassesAsync()).Classes.Single(c => c.Name == name);

    /// <summary>Awaits the class's claim state; returns its view then and how long it took.</summary>
    public async Task<(ResourceClassView View, TimeSpan Elapsed)> AwaitEnabledAsync(string name, bool enabled, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var view = await Eventually.UntilAsync(() => ClassAsync(name), c => c.Enabled == enabled,
            $"{name} {(enabled ? "enabled" : "disabled")}", timeout ?? TimeSpan.FromSeconds(30));
        return (view, clock.Elapsed);
    }

    public async Task<string> NodeNameAsync() => (await Agent.Client.CoreV1.ListNodeAsync()).Items.Single().Metadata.Name;

    public async Task PatchNodeAsync(string json) =>
        await Agent.Client.CoreV1.PatchNodeAsync(new V1Patch(json, V1Patch.PatchType.MergePatch), await NodeNameAsync());

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Agent.DisposeAsync();
    }
}
