using Scheduler.Agent.Jobs;
using Scheduler.Agent.Tests.Api;
using Scheduler.Cli.Commands;
using Scheduler.Agent.Tests.Support;
using Xunit;

namespace Scheduler.Agent.Tests.Cli;

/// <summary><c>sched submit/status/logs/cancel</c> against the API on a real server, and against no server.</summary>
public sealed class AgentCommandsTests : IAsyncLifetime, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sched-cli-").FullName;
    private ApiTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Server => _server.Client.BaseAddress!.ToString();

    [Fact]
    public async Task Submit_prints_the_job_id_of_the_queued_task()
    {
        var file = WriteSpec("resource_class: test/small\nsteps: [echo hi]\n");

        var result = await CliRunner.InvokeAsync("submit", file, "--server", Server, "--token-file", TestTokens.File(ApiTestServer.SmallToken));

        Assert.Equal(ExitCodes.Succeeded, result.ExitCode);
        var job = Assert.Single((await _server.Jobs.ListAsync(new JobQuery(), default)));
        Assert.Equal(job.Id, result.Output.Trim());
    }

    [Fact]
    public async Task Submit_of_an_invalid_spec_exits_2_naming_the_field_from_the_agents_answer()
    {
        var file = WriteSpec("resource_class: test/small\nsteps:\n  - name: no script\n");

        var result = await CliRunner.InvokeAsync("submit", file, "--server", Server, "--token-file", TestTokens.File(ApiTestServer.SmallToken));

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("steps[0].run: required", result.Error);
        Assert.Empty(_server.Jobs.Submitted);
    }

    [Fact]
    public async Task Submit_of_a_missing_file_exits_2_without_calling_the_agent()
    {
        var result = await CliRunner.InvokeAsync("submit", Path.Combine(_directory, "nope.yaml"), "--server", Server, "--token-file", TestTokens.File("t"));

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("nope.yaml", result.Error);
        Assert.Empty(_server.Jobs.Submitted);
    }

    [Fact]
    public async Task Status_shows_the_state_and_each_steps_exit_code()
    {
        var job = _server.Jobs.Add(JobStates.Failed);
        _server.Jobs.Replace(job with
        {
            FailureReason = "step test exited with 3",
            Steps = [new StepView(0, "build", JobStates.Succeeded, 0, null, null), new StepView(1, "test", JobStates.Failed, 3, null, null)],
        });

        var result = await CliRunner.InvokeAsync("status", job.Id, "--server", Server, "--token-file", TestTokens.File());

        Assert.Equal(ExitCodes.Succeeded, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains($"job {job.Id}: failed", lines);
        Assert.Contains(lines, l => l.StartsWith("[1/2] build") && l.EndsWith("exit 0"));
        Assert.Contains(lines, l => l.StartsWith("[2/2] test") && l.EndsWith("exit 3"));
        Assert.Contains(lines, l => l.Contains("step test exited with 3"));
    }

    [Fact]
    public async Task Status_of_an_unknown_job_exits_2_with_the_agents_message()
    {
        var result = await CliRunner.InvokeAsync("status", "no-such-job", "--server", Server, "--token-file", TestTokens.File());

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("job not found", result.Error);
        Assert.Contains("no-such-job", result.Error);
    }

    [Fact]
    public async Task Cancel_of_a_finished_job_exits_2_saying_so()
    {
        var job = _server.Jobs.Add(JobStates.Succeeded);

        var result = await CliRunner.InvokeAsync("cancel", job.Id, "--server", Server, "--token-file", TestTokens.File());

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("already finished", result.Error);
    }

    [Theory]
    [InlineData("status", "some-id")]
    [InlineData("cancel", "some-id")]
    [InlineData("logs", "some-id")]
    public async Task Commands_against_an_unreachable_agent_exit_3_with_a_clear_message(string command, string id)
    {
        var url = CliRunner.UnusedServerUrl();

        var result = await CliRunner.InvokeAsync(command, id, "--server", url, "--token-file", TestTokens.File());

        Assert.Equal(ExitCodes.InfrastructureFailure, result.ExitCode);
        Assert.Contains($"cannot reach the agent at {url}", result.Error);
    }

    [Fact]
    public async Task Submit_to_an_unreachable_agent_exits_3()
    {
        var file = WriteSpec("resource_class: test/small\nsteps: [echo hi]\n");
        var url = CliRunner.UnusedServerUrl();

        var result = await CliRunner.InvokeAsync("submit", file, "--server", url, "--token-file", TestTokens.File("t"));

        Assert.Equal(ExitCodes.InfrastructureFailure, result.ExitCode);
        Assert.Contains($"cannot reach the agent at {url}", result.Error);
    }

    [Fact]
    public async Task Status_with_a_class_token_of_another_classs_job_exits_2_with_the_agents_403()
    {
        var job = _server.Jobs.Add(JobStates.Running, ApiTestServer.LargeClass);

        var result = await CliRunner.InvokeAsync("status", job.Id, "--server", Server, "--token-file", TestTokens.File(ApiTestServer.SmallToken));

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("(403)", result.Error);
    }

    [Fact]
    public async Task A_command_with_an_unreadable_token_file_exits_2_naming_it()
    {
        var missing = Path.Combine(_directory, "no-token");

        var result = await CliRunner.InvokeAsync("status", "some-id", "--server", Server, "--token-file", missing);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(missing, result.Error);
    }

    private string WriteSpec(string yaml)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
