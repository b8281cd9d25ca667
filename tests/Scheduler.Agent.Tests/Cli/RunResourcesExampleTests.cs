using Scheduler.Agent.Tests.Support;
using Scheduler.Cli.Commands;

namespace Scheduler.Agent.Tests.Cli;

/// <summary><c>sched run deploy/examples/resources.yaml</c> with the built-in config: admitted within local/small's caps, and runs.</summary>
public sealed class RunResourcesExampleTests
{
    [Fact]
    public async Task The_resources_example_runs_and_exits_0()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await new RunCommandHandler(output, error).RunAsync(
            new RunSettings(new FileInfo(Examples.PathOf("resources.yaml")), Environment: new Dictionary<string, string>()), CancellationToken.None);

        Assert.True(exitCode == ExitCodes.Succeeded, output + "\n" + error);
        Assert.Contains("building with 250m cpu and 128Mi requested", output.ToString());
    }
}
