using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using k8s;
using Microsoft.Data.Sqlite;
using Scheduler.Agent.Api;
using Scheduler.Agent.Tests.Api;
using Scheduler.Agent.Tests.Support;
using Scheduler.LocalKube;

namespace Scheduler.Agent.Tests.BadInput;

/// <summary>
/// One real agent (SQLite, LocalKube, HTTP on loopback) shared by every case of the bad-input sweep. Its two classes
/// select a node label no node has and the constraint checker disables a class after one failed check, so the tasks
/// the sweep submits stay queued: no pod ever starts, and the stored state changes only when a request stores.
/// </summary>
public sealed class SweepAgent : IAsyncLifetime
{
    public const string Parked = "sweep/parked";
    public const string ParkedToken = "sweep-parked-token";
    public const string Other = "sweep/other";
    public const string OtherToken = "sweep-other-token";
    public const int MaxBodyBytes = 128 * 1024;
    public const string Namespace = "default";

    public static readonly string ValidSpec = $"resource_class: {Parked}\nimage: alpine:3.20\nsteps: [echo hi]\n";

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("sched-sweep-");
    private LocalKubeServer _kube = null!;
    private AgentHost _host = null!;
    private Kubernetes _kubeClient = null!;

    public HttpClient Operator { get; private set; } = null!;

    /// <summary>A client without a default token, for requests that carry their own (or none).</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public Uri ApiBaseUri => _host.ApiBaseUri;

    /// <summary>A queued task of <see cref="Parked"/>, and one of <see cref="Other"/>.</summary>
    public string ParkedJobId { get; private set; } = null!;

    public string OtherJobId { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var config = Path.Combine(_data.FullName, "sweep.conf");
        await File.WriteAllTextAsync(config, $$"""
            agent {
              kubeGCEnabled = false
              maxRunTime = 1h
              constraintChecker { threshold = 1 }
              resourceClasses {
                "{{Parked}}" {
                  token = "{{ParkedToken}}"
                  allowedImages = ["alpine:*"]
                  allowedPullPolicies = ["IfNotPresent"]
                  spec { nodeSelector { "sweep.test/nowhere" = "true" } }
                }
                "{{Other}}" {
                  token = "{{OtherToken}}"
                  spec { nodeSelector { "sweep.test/nowhere" = "true" } }
                }
              }
            }
            api.maxBodyBytes = {{MaxBodyBytes}}
            """);
        _kube = await LocalKubeServer.StartAsync(new LocalKubeOptions());
        _kubeClient = new Kubernetes(_kube.ClientConfiguration());
        _host = await AgentHost.StartAsync(new AgentHostSettings
        {
            ConfigFile = config,
            DataDirectory = Path.Combine(_data.FullName, "data"),
            Kube = _kube.ClientConfiguration(),
            ApiUrl = "http://127.0.0.1:0",
            ConsoleListen = "127.0.0.1:0",
            Environment = TestTokens.WithOperator(null),
        });
        Operator = TestTokens.Client(_host.ApiBaseUri);
        Anonymous = TestTokens.Client(_host.ApiBaseUri, token: null);

        await Eventually.UntilAsync(ClassesAsync, classes => classes.Count == 2 && classes.All(c => !c.Enabled),
            "the constraint checker to disable both sweep classes", TimeSpan.FromMinutes(3));
        ParkedJobId = await SubmitValidAsync(ValidSpec, ParkedToken);
        OtherJobId = await SubmitValidAsync($"resource_class: {Other}\nsteps: [echo hi]\n", OtherToken);
    }

    public async Task DisposeAsync()
    {
        Operator.Dispose();
        Anonymous.Dispose();
        await _host.DisposeAsync();
        _kubeClient.Dispose();
        await _kube.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }

    /// <summary>The class views; none while the class entities are still starting (the API answers 500 then).</summary>
    private async Task<IReadOnlyList<ResourceClassView>> ClassesAsync()
    {
        using var response = await Operator.GetAsync(ResourceClassRoutes.ResourceClasses);
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync<ResourceClassesView>(ApiJson.Options))!.Classes
            : [];
    }

    /// <summary>Submits a valid spec and returns the new job's id; fails unless the agent answers 201.</summary>
    public async Task<string> SubmitValidAsync(string spec, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TaskRoutes.Tasks) { Content = new StringContent(spec, Encoding.UTF8, "application/yaml") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Operator.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"a valid submit got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await ApiResponses.JobAsync(response)).Id;
    }

    /// <summary>
    /// What a request could have stored: every task's view as the API lists it (states included), and the pods and
    /// secrets in LocalKube.
    /// </summary>
    public async Task<string> StoredStateAsync()
    {
        var tasks = await Operator.GetStringAsync($"{TaskRoutes.Tasks}?limit=1000");
        var pods = (await _kubeClient.CoreV1.ListNamespacedPodAsync(Namespace)).Items.Select(p => p.Metadata.Name);
        var secrets = (await _kubeClient.CoreV1.ListNamespacedSecretAsync(Namespace)).Items.Select(s => s.Metadata.Name);
        return $"tasks: {tasks}\npods: {string.Join(", ", pods)}\nsecrets: {string.Join(", ", secrets)}";
    }
}
