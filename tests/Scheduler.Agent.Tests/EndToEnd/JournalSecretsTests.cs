using System.Runtime.Versioning;
using System.Text;
using Scheduler.Agent.Hosting;
using Scheduler.Agent.Jobs;

namespace Scheduler.Agent.Tests.EndToEnd;

/// <summary>A task's secrets reach its steps, and never rest in the agent's data files in plain text.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class JournalSecretsTests : IAsyncLifetime
{
    private const string SecretValue = "s3cr3t-value";

    private AgentFixture _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentFixture.StartAsync(TestClasses.OneAtATimeHocon);

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    private string DataDirectory => _agent.Agent.Options.Storage.DataDirectory;

    [Fact]
    public async Task A_secret_queued_across_a_restart_reaches_its_step_and_no_data_file_holds_it_in_plain_text()
    {
        var blocker = await _agent.SubmitAsync("""
            resource_class: test/single
            steps: [ "echo started; sleep 2" ]
            """);
        // The script checks the value in two halves, so the stored script does not spell it out.
        var withSecret = await _agent.SubmitAsync($$"""
            resource_class: test/single
            secrets:
              API_TOKEN: {{SecretValue}}
            steps:
              - name: check the token
                run: test "${#API_TOKEN}" = {{SecretValue.Length}} && test "${API_TOKEN%-value}" = s3cr3t && echo "the token arrived"
            """);
        await _agent.AwaitOutputAsync(blocker.Id, "started");
        Assert.Equal(JobStates.Queued, (await _agent.Agent.Jobs.GetAsync(withSecret.Id, CancellationToken.None))!.State);
        var keyFile = Path.Combine(DataDirectory, SecretsKeyFile.FileName);
        var key = await File.ReadAllTextAsync(keyFile);

        await _agent.RestartAgentAsync();

        var (view, log) = await _agent.AwaitEndAsync(withSecret.Id);
        Assert.Equal(JobStates.Succeeded, view.State);
        Assert.Contains("the token arrived", log);
        Assert.Equal(key, await File.ReadAllTextAsync(keyFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));

        var stored = DataFilesText();
        Assert.Contains("job-submitted.v1", stored);
        Assert.Contains("aes-gcm.v1:", stored);
        Assert.DoesNotContain(SecretValue, stored);
    }

    /// <summary>Every byte of the data directory (journal, snapshots, views, logs and their write-ahead logs), as Latin-1 text.</summary>
    private string DataFilesText() => string.Concat(Directory.GetFiles(DataDirectory).Select(path =>
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return Encoding.Latin1.GetString(copy.ToArray());
    }));
}
