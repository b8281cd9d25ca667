using System.Collections;
using Scheduler.Agent.Config;
using Scheduler.Domain.Pods;

namespace Scheduler.Agent.Tests.Config;

public class SchedulerConfigLoaderTests
{
    private static readonly IDictionary NoEnvironment = new Hashtable();

    [Fact]
    public void Built_in_defaults_are_valid_and_serve_the_local_example_classes()
    {
        var loaded = SchedulerConfigLoader.Load(environment: NoEnvironment);

        Assert.True(loaded.IsValid, loaded.Describe());
        var classes = loaded.Options.Agent.ResourceClasses;
        Assert.Equal(ExecutionMode.Exec, classes["local/small"].Execution);
        Assert.Equal("local-small-token", classes["local/small"].Token);
        Assert.Equal(ExecutionMode.Attach, classes["local/attach"].Execution);
        Assert.Equal("local", classes["local/attach"].Template.Metadata.Labels["scheduler.example/profile"]);
        Assert.Equal(TimeSpan.FromHours(5), loaded.Options.Agent.MaxRunTime);
        Assert.Equal("cluster", loaded.Hocon.GetString("akka.actor.provider"));
    }

    [Fact]
    public void A_config_file_overrides_defaults_and_replaces_the_example_classes()
    {
        using var file = new TempConfigFile("""
            agent {
              maxRunTime = 1h
              resourceClasses {
                "team/gpu" {
                  token = gpu-token
                  spec {
                    nodeSelector { accelerator = "a100" }
                    activeDeadlineSeconds = 7200
                  }
                }
              }
            }
            akka.loglevel = DEBUG
            """);

        var loaded = SchedulerConfigLoader.Load(file.Path, NoEnvironment);

        Assert.True(loaded.IsValid, loaded.Describe());
        Assert.Equal(TimeSpan.FromHours(1), loaded.Options.Agent.MaxRunTime);
        Assert.Equal(20, loaded.Options.Agent.MaxConcurrentTasks);
        var only = Assert.Single(loaded.Options.Agent.ResourceClasses);
        Assert.Equal("team/gpu", only.Key);
        Assert.Equal("a100", only.Value.Template.Spec.NodeSelector["accelerator"]);
        Assert.Equal(7200, only.Value.Template.Spec.ActiveDeadlineSeconds);
        Assert.Equal("DEBUG", loaded.Hocon.GetString("akka.loglevel"));
    }

    [Fact]
    public void Environment_variables_override_the_file()
    {
        using var file = new TempConfigFile("agent.maxRunTime = 1h");
        var environment = new Hashtable
        {
            ["SCHED_agent__maxRunTime"] = "2h",
            ["SCHED_agent__resourceClasses__local/small__maxConcurrentTasks"] = "3",
            ["SCHED_replica__seedNodes"] = """["akka.tcp://scheduler@10.0.0.1:4053"]""",
            ["SCHED_KUBECONFIG"] = "/home/me/.kube/config",
            ["SCHED_UNRELATED"] = "ignored",
            ["PATH"] = "/usr/bin",
        };

        var loaded = SchedulerConfigLoader.Load(file.Path, environment);

        Assert.True(loaded.IsValid, loaded.Describe());
        Assert.Equal(TimeSpan.FromHours(2), loaded.Options.Agent.MaxRunTime);
        Assert.Equal(3, loaded.Options.Agent.ResourceClasses["local/small"].MaxConcurrentTasks);
        Assert.Equal(["akka.tcp://scheduler@10.0.0.1:4053"], loaded.Options.Replica.SeedNodes);
        Assert.Equal("/home/me/.kube/config", loaded.Options.Kubernetes.Kubeconfig);
    }

    [Theory]
    [InlineData("""agent.resourceClasses { "a/b" { token = t, tokn = t } }""", "agent.resourceClasses.a/b.tokn: unknown field")]
    [InlineData("""agent.resourceClasses { "a/b" { token = t, spec { containers = [ { imag = x } ] } } }""", "agent.resourceClasses.a/b.spec.containers[0].imag: unknown field")]
    [InlineData("agent.kubeGCInterval = 3x", "agent.kubeGCInterval: invalid duration \"3x\"")]
    [InlineData("agent.maxRunTime = 5h5m", "agent.maxRunTime: must be below agent.kubeGCThreshold (5h5m0s)")]
    [InlineData("agent { maxRunTime = 2h, kubeGCThreshold = 1h }", "agent.maxRunTime: must be below agent.kubeGCThreshold (1h0m0s)")]
    public void A_bad_config_file_is_rejected_naming_the_key(string hocon, string expectedStart)
    {
        using var file = new TempConfigFile(hocon);

        var loaded = SchedulerConfigLoader.Load(file.Path, NoEnvironment);

        Assert.False(loaded.IsValid);
        Assert.StartsWith(expectedStart, Assert.Single(loaded.Errors).ToString());
    }

    [Fact]
    public void A_bad_environment_override_is_rejected_naming_the_key()
    {
        var loaded = SchedulerConfigLoader.Load(environment: new Hashtable { ["SCHED_agent__maxConcurrentTasks"] = "lots" });

        Assert.Equal("agent.maxConcurrentTasks: must be a whole number, got \"lots\"", Assert.Single(loaded.Errors).ToString());
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_the_file()
    {
        var loaded = SchedulerConfigLoader.Load("/nonexistent/agent.conf", NoEnvironment);

        var error = Assert.Single(loaded.Errors);
        Assert.Equal("/nonexistent/agent.conf", error.Key);
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void A_syntax_error_is_an_error_naming_the_file()
    {
        using var file = new TempConfigFile("agent.name = ${undefined.key}");

        var loaded = SchedulerConfigLoader.Load(file.Path, NoEnvironment);

        Assert.Equal(file.Path, Assert.Single(loaded.Errors).Key);
    }
}
