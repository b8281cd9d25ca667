using Scheduler.Agent.Api;
using Scheduler.Agent.Config;
using Xunit;

namespace Scheduler.Agent.Tests.Cli;

/// <summary>The specs in deploy/examples are what a new user runs first; the built-in config must admit each.</summary>
public sealed class ExampleSpecsTests
{
    public static TheoryData<string> Examples() => new(ExampleFiles());

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_is_admitted_by_the_built_in_config_with_its_class_token(string file)
    {
        var agent = SchedulerConfigLoader.Load(environment: new Dictionary<string, string>()).Options.Agent;
        var text = File.ReadAllText(Path.Combine(Support.Examples.Directory, file));
        var resourceClass = Scheduler.Domain.Tasks.TaskSpecParser.Parse(text).Spec?.ResourceClass ?? "";
        var caller = ApiTokens.From(agent).Identify(agent.ResourceClasses.GetValueOrDefault(resourceClass)?.Token ?? "");
        Assert.NotNull(caller);

        var verdict = TaskAdmission.From(agent).Admit(caller, text);

        Assert.IsType<AdmissionResult.Admitted>(verdict);
    }

    [Fact]
    public void The_examples_cover_success_failure_attach_secrets_and_timeout()
    {
        var names = ExampleFiles().ToHashSet();

        Assert.Superset(new HashSet<string> { "hello.yaml", "failing.yaml", "attach.yaml", "secrets.yaml", "timeout.yaml" }, names);
    }

    private static IEnumerable<string> ExampleFiles() =>
        Directory.GetFiles(Support.Examples.Directory, "*.yaml").Select(path => Path.GetFileName(path));
}
