using System.Diagnostics;
using System.Net;
using Scheduler.Agent.Config;
using Scheduler.Agent.Tests.Api;
using Scheduler.Agent.Tests.Config;
using Scheduler.Agent.Tests.Support;

namespace Scheduler.Agent.Tests.BadInput;

/// <summary>
/// The bad-input sweep: every bad request, config and command line gets a precise error naming the field, stores
/// nothing (the task views, and the pods and secrets in LocalKube, are unchanged), and the agent keeps serving: a
/// valid task submitted right after is accepted.
/// </summary>
public sealed class BadInputSweepTests(SweepAgent agent) : IClassFixture<SweepAgent>
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    [Theory]
    [MemberData(nameof(BadRequestCases.Names), MemberType = typeof(BadRequestCases))]
    public async Task A_bad_request_gets_a_precise_error_and_stores_nothing(string name)
    {
        var bad = BadRequestCases.Named(name);
        var before = await agent.StoredStateAsync();

        using var response = await agent.Anonymous.SendAsync(bad.ToRequest(agent));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(bad.Status == response.StatusCode, $"expected {(int)bad.Status}, got {(int)response.StatusCode}: {body}");
        var message = await ApiResponses.ErrorNamingAsync(response, bad.Field);
        Assert.Contains(bad.Message, message);
        if (bad.SameForUnknownTask)
        {
            using var unknown = await agent.Anonymous.SendAsync(bad.ToRequest(agent, unknownTask: true));
            Assert.Equal(response.StatusCode, unknown.StatusCode);
            Assert.Equal(body, await unknown.Content.ReadAsStringAsync());
        }
        await AssertNothingStoredAndStillServingAsync(before);
    }

    [Theory]
    [MemberData(nameof(BadConfigCases.Names), MemberType = typeof(BadConfigCases))]
    public void A_bad_config_is_refused_naming_the_key(string name)
    {
        var bad = BadConfigCases.Named(name);
        using var file = new TempConfigFile(bad.Hocon);

        var loaded = SchedulerConfigLoader.Load(file.Path, bad.Environment);

        Assert.False(loaded.IsValid);
        var error = Assert.Single(loaded.Errors, e => e.Key == bad.Key);
        Assert.Contains(bad.Message, error.Message);
    }

    [Theory]
    [MemberData(nameof(BadCommandLineCases.Names), MemberType = typeof(BadCommandLineCases))]
    public async Task A_bad_command_line_exits_2_naming_the_argument(string name)
    {
        var bad = BadCommandLineCases.Named(name);
        var scratch = Directory.CreateTempSubdirectory("sched-sweep-cli-");
        try
        {
            var freshDir = Path.Combine(scratch.FullName, "never-created");
            var badSpec = Path.Combine(scratch.FullName, "bad.yaml");
            await File.WriteAllTextAsync(badSpec, $"resource_class: {SweepAgent.Parked}\nsteps:\n  - name: x\n");
            var badConfig = Path.Combine(scratch.FullName, "bad.conf");
            await File.WriteAllTextAsync(badConfig, "agent.maxRunTime = 3x\n");
            var args = bad.Args.Select(a => a
                .Replace("{server}", agent.ApiBaseUri.ToString())
                .Replace("{parked-token}", TestTokens.File(SweepAgent.ParkedToken))
                .Replace("{operator-token}", TestTokens.File())
                .Replace("{other}", agent.OtherJobId)
                .Replace("{bad-spec}", badSpec)
                .Replace("{bad-config}", badConfig)
                .Replace("{fresh-dir}", freshDir)).ToArray();
            var before = await agent.StoredStateAsync();

            var (exitCode, stderr) = await RunSchedAsync(args, scratch.FullName);

            Assert.True(exitCode == 2, $"expected exit 2, got {exitCode}; stderr:\n{stderr}");
            Assert.Contains(bad.Message, stderr);
            Assert.False(Directory.Exists(freshDir), $"{freshDir} was created");
            await AssertNothingStoredAndStillServingAsync(before);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private async Task AssertNothingStoredAndStillServingAsync(string before)
    {
        Assert.Equal(before, await agent.StoredStateAsync());
        using var health = await agent.Operator.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var id = await agent.SubmitValidAsync(SweepAgent.ValidSpec, SweepAgent.ParkedToken);
        Assert.Contains(id, await agent.StoredStateAsync());
    }

    private static async Task<(int ExitCode, string Stderr)> RunSchedAsync(string[] args, string workingDirectory)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(AgentProcess.SchedDll());
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var variable in new[] { "SCHED_TOKEN", "SCHED_SERVER", "SCHED_OPERATOR_TOKEN", "SCHED_CLI_CONFIG" })
            info.Environment.Remove(variable);
        info.Environment["XDG_CONFIG_HOME"] = workingDirectory;

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(CommandTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sched {string.Join(' ', args)} did not exit within {CommandTimeout.TotalSeconds:0}s:\n{await stdout}{await stderr}");
        }
        return (process.ExitCode, await stderr + await stdout);
    }
}
