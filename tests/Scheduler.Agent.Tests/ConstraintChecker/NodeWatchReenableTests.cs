using System.Diagnostics;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Tests.Cli;
using Scheduler.Agent.Tests.Support;
using Scheduler.Domain.Constraints;
using Xunit.Abstractions;

namespace Scheduler.Agent.Tests.ConstraintChecker;

/// <summary>
/// The checker's interval is ten minutes here, so everything after the first check (made when the node watch starts)
/// happens through the node watch.
/// </summary>
public sealed class NodeWatchReenableTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Hocon = """
        agent {
          maxConcurrentTasks = 20
          constraintChecker { threshold = 1, interval = 10m }
          resourceClasses {
            "test/ok" { token = "ok-token", execution = exec }
            "test/ssd" { token = "ssd-token", execution = exec, spec { nodeSelector { "disktype" = "ssd" } } }
            "test/tolerant" {
              token = "tolerant-token"
              execution = exec
              spec { tolerations = [ { key = "dedicated", operator = "Equal", value = "ci", effect = "NoSchedule" } ] }
            }
            "test/huge" {
              token = "huge-token"
              execution = exec
              spec { containers = [ { name = "primary", resources { requests { cpu = "1000" } } } ] }
            }
          }
        }
        """;

    private CheckedAgent _agent = null!;

    public async Task InitializeAsync() => _agent = await CheckedAgent.StartAsync(Hocon);

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public Task A_class_matching_no_node_waits_and_claims_again_when_the_node_is_labelled_through_the_api() =>
        StopsThenResumesWhenLabelled(() => _agent.PatchNodeAsync("""{"metadata":{"labels":{"disktype":"ssd"}}}"""), "patch");

    [Fact]
    public Task A_class_matching_no_node_claims_again_when_the_node_is_labelled_with_kubectl() =>
        StopsThenResumesWhenLabelled(async () =>
        {
            var (exitCode, text) = await new Kubectl(_agent.Agent.WriteKubeconfig()).RunAsync("label", "node", await _agent.NodeNameAsync(), "disktype=ssd");
            Assert.True(exitCode == 0, text);
        }, "kubectl label");

    private async Task StopsThenResumesWhenLabelled(Func<Task> label, string how)
    {
        var (disabled, _) = await _agent.AwaitEnabledAsync("test/ssd", enabled: false);
        var node = await _agent.NodeNameAsync();
        var rejection = Assert.Single(disabled.Rejections);
        Assert.Equal((node, NodeRejection.Constraints.NodeSelector), (rejection.Node, rejection.Constraint));
        Assert.Equal([$"node {node}: nodeSelector disktype=ssd (label absent) not matched"], disabled.Reasons);
        Assert.Equal(1, disabled.ConsecutiveFailures);
        Assert.NotNull(disabled.LastChecked);

        var waiting = await _agent.Agent.SubmitAsync("resource_class: test/ssd\nsteps: [ \"echo on ssd\" ]\n");
        var other = await _agent.Agent.SubmitAsync("resource_class: test/ok\nsteps: [ \"echo elsewhere\" ]\n");
        var (otherEnded, _) = await _agent.Agent.AwaitEndAsync(other.Id);
        Assert.Equal(JobStates.Succeeded, otherEnded.State);
        Assert.Equal(JobStates.Queued, (await _agent.Agent.Agent.Jobs.GetAsync(waiting.Id, CancellationToken.None))!.State);
        var stillDisabled = await _agent.ClassAsync("test/ssd");
        Assert.Equal((1, 0, false), (stillDisabled.Queued, stillDisabled.Running, stillDisabled.Enabled));

        var clock = Stopwatch.StartNew();
        await label();
        var labelled = clock.Elapsed;
        var (enabled, _) = await _agent.AwaitEnabledAsync("test/ssd", enabled: true, TimeSpan.FromSeconds(10));
        var reenabled = clock.Elapsed;
        var (ended, log) = await _agent.Agent.AwaitEndAsync(waiting.Id);
        output.WriteLine($"{how}: label applied after {labelled.TotalMilliseconds:0} ms, class enabled after {reenabled.TotalMilliseconds:0} ms, queued task ended after {clock.Elapsed.TotalMilliseconds:0} ms");

        Assert.Equal(0, enabled.ConsecutiveFailures);
        Assert.Empty(enabled.Reasons);
        Assert.Equal(JobStates.Succeeded, ended.State);
        Assert.Contains("on ssd", log);
    }

    [Fact]
    public async Task An_untolerated_taint_disables_the_classes_without_a_toleration_until_it_is_removed()
    {
        await _agent.AwaitEnabledAsync("test/ok", enabled: true);
        var node = await _agent.NodeNameAsync();

        await _agent.PatchNodeAsync("""{"spec":{"taints":[{"key":"dedicated","value":"ci","effect":"NoSchedule"}]}}""");
        var (disabled, _) = await _agent.AwaitEnabledAsync("test/ok", enabled: false);
        var classes = (await _agent.ClassesAsync()).Classes.ToDictionary(c => c.Name);

        Assert.Equal([$"node {node}: taint dedicated=ci:NoSchedule not tolerated"], disabled.Reasons);
        Assert.Equal(NodeRejection.Constraints.Taints, Assert.Single(disabled.Rejections).Constraint);
        Assert.True(classes["test/tolerant"].Enabled);
        Assert.Empty(classes["test/tolerant"].Reasons);

        await _agent.PatchNodeAsync("""{"spec":{"taints":null}}""");
        await _agent.AwaitEnabledAsync("test/ok", enabled: true, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_request_larger_than_every_node_disables_the_class_and_sched_classes_shows_why()
    {
        var (disabled, _) = await _agent.AwaitEnabledAsync("test/huge", enabled: false);
        var node = await _agent.NodeNameAsync();

        Assert.Equal([$"node {node}: requests cpu 1000 > allocatable 8"], disabled.Reasons);
        Assert.Equal(NodeRejection.Constraints.Resources, Assert.Single(disabled.Rejections).Constraint);
        Assert.True((await _agent.ClassAsync("test/ok")).Enabled);

        var cli = await CliRunner.InvokeAsync("classes", "--server", _agent.Agent.Agent.ApiBaseUri.ToString(), "--token-file", TestTokens.File());

        Assert.Equal(0, cli.ExitCode);
        var lines = cli.Output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.StartsWith("constraint checker: on", lines[0]);
        var huge = Array.FindIndex(lines, l => l.StartsWith("test/huge"));
        Assert.Matches(@"^test/huge\s+disabled\s+0\s+0\s+-\s+1/1\s+\d{4}-", lines[huge]);
        Assert.Equal($"node {node}: requests cpu 1000 > allocatable 8", lines[huge + 1]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^test/ok\s+enabled\s+0\s+0\s+-\s+0/1"));
    }
}
