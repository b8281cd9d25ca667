using System.Text.Json.Nodes;
using Scheduler.Domain.Config;

namespace Scheduler.Domain.Tests.Config;

/// <summary>Each bad config is rejected with an error naming its key; no options come back.</summary>
public class BadConfigTests
{
    private static ConfigError SingleError(JsonObject root)
    {
        var result = SchedulerConfigReader.Read(root);
        Assert.False(result.IsValid);
        Assert.Null(result.Options);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Unknown_resource_class_field()
    {
        var error = SingleError(ConfigTrees.WithClass("local/small", """{ "token": "t", "tokn": "t" }"""));

        Assert.Equal("agent.resourceClasses.local/small.tokn: unknown field", error.ToString());
    }

    [Fact]
    public void Unknown_agent_field()
    {
        Assert.Equal("agent.maxConcurentTasks", SingleError(ConfigTrees.WithAgent("\"maxConcurentTasks\": \"3\"")).Key);
    }

    [Fact]
    public void Unknown_pod_spec_field_names_its_path()
    {
        var error = SingleError(ConfigTrees.WithClass("local/small", """
            { "token": "t", "spec": { "containers": [ { "resources": {} }, { "imag": "x" } ] } }
            """));

        Assert.Equal("agent.resourceClasses.local/small.spec.containers[1].imag: unknown field", error.ToString());
    }

    [Fact]
    public void Pod_spec_value_of_the_wrong_type()
    {
        var error = SingleError(ConfigTrees.WithClass("local/small", """{ "token": "t", "spec": { "activeDeadlineSeconds": "soon" } }"""));

        Assert.StartsWith("agent.resourceClasses.local/small.spec.activeDeadlineSeconds", error.Key);
    }

    [Fact]
    public void Bad_duration()
    {
        var error = SingleError(ConfigTrees.WithAgent("\"kubeGCInterval\": \"3x\""));

        Assert.Equal("agent.kubeGCInterval", error.Key);
        Assert.StartsWith("invalid duration \"3x\"", error.Message);
    }

    [Theory]
    [InlineData("podStartTimeout", "0s")]
    [InlineData("imagePullGracePeriod", "0s")]
    public void Pod_start_limits_must_be_positive(string key, string value)
    {
        var error = SingleError(ConfigTrees.WithAgent($"\"{key}\": \"{value}\""));

        Assert.Equal($"agent.{key}: must be positive", error.ToString());
    }

    [Theory]
    [InlineData("5h5m")]
    [InlineData("6h")]
    public void Max_run_time_not_below_the_gc_threshold(string maxRunTime)
    {
        var error = SingleError(ConfigTrees.WithAgent($"\"maxRunTime\": \"{maxRunTime}\""));

        Assert.Equal("agent.maxRunTime", error.Key);
        Assert.StartsWith("must be below agent.kubeGCThreshold (5h5m0s)", error.Message);
    }

    [Fact]
    public void Bad_execution_mode()
    {
        var error = SingleError(ConfigTrees.WithClass("local/small", """{ "token": "t", "execution": "ssh" }"""));

        Assert.Equal("agent.resourceClasses.local/small.execution: must be exec or attach, got \"ssh\"", error.ToString());
    }

    [Fact]
    public void Missing_token()
    {
        Assert.Equal("agent.resourceClasses.local/small.token: required", SingleError(ConfigTrees.WithClass("local/small", "{}")).ToString());
    }

    [Fact]
    public void Duplicate_tokens_name_both_classes_but_not_the_token()
    {
        var root = ConfigTrees.Parse("""
            { "agent": { "resourceClasses": { "a/one": { "token": "same" }, "a/two": { "token": "same" } } } }
            """);

        var error = SingleError(root);

        Assert.Equal("agent.resourceClasses.a/two.token", error.Key);
        Assert.Contains("agent.resourceClasses.a/one.token", error.Message);
        Assert.DoesNotContain("same", error.Message);
    }

    [Theory]
    [InlineData("\"maxConcurrentTasks\": \"0\"", "agent.maxConcurrentTasks")]
    [InlineData("\"maxConcurrentTasks\": \"many\"", "agent.maxConcurrentTasks")]
    [InlineData("\"kubeGCEnabled\": \"maybe\"", "agent.kubeGCEnabled")]
    [InlineData("\"constraintChecker\": { \"threshold\": \"0\" }", "agent.constraintChecker.threshold")]
    [InlineData("\"terminationGracePeriodSeconds\": \"-1\"", "agent.terminationGracePeriodSeconds")]
    public void Out_of_range_agent_values(string fields, string key)
    {
        Assert.Equal(key, SingleError(ConfigTrees.WithAgent(fields)).Key);
    }

    [Fact]
    public void Class_limit_below_one()
    {
        var error = SingleError(ConfigTrees.WithClass("local/small", """{ "token": "t", "maxConcurrentTasks": "0" }"""));

        Assert.Equal("agent.resourceClasses.local/small.maxConcurrentTasks", error.Key);
    }

    [Theory]
    [InlineData("Local/Small")]
    [InlineData("/small")]
    [InlineData("a b")]
    public void Bad_resource_class_names(string name)
    {
        var error = SingleError(ConfigTrees.WithClass(name, """{ "token": "t" }"""));

        Assert.Equal($"agent.resourceClasses.{name}", error.Key);
        Assert.StartsWith("invalid name", error.Message);
    }

    [Fact]
    public void No_resource_classes()
    {
        Assert.Equal("agent.resourceClasses", SingleError(ConfigTrees.Parse("{}")).Key);
    }

    [Fact]
    public void In_cluster_and_kubeconfig_together()
    {
        var root = ConfigTrees.Parse(ConfigTrees.OneClass);
        root["kubernetes"] = ConfigTrees.Parse("""{ "inCluster": true, "kubeconfig": "/k" }""");

        Assert.Equal("kubernetes.inCluster", SingleError(root).Key);
    }

    [Theory]
    [InlineData("replica", """{ "seedNodes": ["10.0.0.1:4053"] }""", "replica.seedNodes[0]")]
    [InlineData("replica", """{ "port": "70000" }""", "replica.port")]
    [InlineData("api", """{ "listenUrl": "127.0.0.1:80" }""", "api.listenUrl")]
    [InlineData("storage", """{ "dataDir": "/x" }""", "storage.dataDir")]
    [InlineData("console", """{ "host": "0.0.0.0" }""", "console.token")]
    [InlineData("console", """{ "host": "console.example" }""", "console.host")]
    [InlineData("console", """{ "port": "99999" }""", "console.port")]
    [InlineData("console", """{ "token": "t", "tokenFile": "/t" }""", "console.tokenFile")]
    [InlineData("console", """{ "listen": "127.0.0.1:1" }""", "console.listen")]
    public void Bad_host_sections(string section, string json, string key)
    {
        var root = ConfigTrees.Parse(ConfigTrees.OneClass);
        root[section] = ConfigTrees.Parse(json);

        Assert.Equal(key, SingleError(root).Key);
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var root = ConfigTrees.WithClass("local/small", """{ "tokn": "t", "execution": "x" }""");
        root["agent"]!["maxRunTime"] = "9h";

        var keys = SchedulerConfigReader.Read(root).Errors.Select(e => e.Key).Order().ToList();

        Assert.Equal(["agent.maxRunTime", "agent.resourceClasses.local/small.execution", "agent.resourceClasses.local/small.token", "agent.resourceClasses.local/small.tokn"], keys);
    }

    [Theory]
    [InlineData("""{ "host": "0.0.0.0", "token": "t" }""")]
    [InlineData("""{ "host": "0.0.0.0", "enabled": false }""")]
    [InlineData("""{ "host": "::1" }""")]
    [InlineData("""{ "host": "localhost", "port": 0 }""")]
    public void Consoles_that_are_loopback_off_or_guarded_by_a_token_are_fine(string json)
    {
        var root = ConfigTrees.Parse(ConfigTrees.OneClass);
        root["console"] = ConfigTrees.Parse(json);

        Assert.Empty(SchedulerConfigReader.Read(root).Errors);
    }
}
