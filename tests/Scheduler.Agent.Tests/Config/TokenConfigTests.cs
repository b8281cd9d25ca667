using System.Collections;
using Scheduler.Agent.Config;

namespace Scheduler.Agent.Tests.Config;

/// <summary>Where the operator and class tokens come from: the config, files (mounted Secrets), environment variables.</summary>
public sealed class TokenConfigTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sched-tokens-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void Token_files_are_read_with_their_trailing_newline_trimmed()
    {
        var operatorFile = Write("operator.token", "op-secret\n");
        var classFile = Write("gpu.token", "gpu-secret\n");
        using var config = new TempConfigFile($$"""
            agent.operatorTokenFile = "{{operatorFile}}"
            agent.resourceClasses { "team/gpu" { tokenFile = "{{classFile}}" } }
            """);

        var loaded = SchedulerConfigLoader.Load(config.Path, new Hashtable());

        Assert.True(loaded.IsValid, loaded.Describe());
        Assert.Equal("op-secret", loaded.Options.Agent.OperatorToken);
        Assert.Equal("gpu-secret", loaded.Options.Agent.ResourceClasses["team/gpu"].Token);
    }

    [Fact]
    public void The_operator_token_comes_from_SCHED_OPERATOR_TOKEN_or_SCHED_OPERATOR_TOKEN_FILE()
    {
        var file = Write("operator.token", "from-file");

        var fromValue = SchedulerConfigLoader.Load(environment: new Hashtable { ["SCHED_OPERATOR_TOKEN"] = "from-env" });
        var fromFile = SchedulerConfigLoader.Load(environment: new Hashtable { ["SCHED_OPERATOR_TOKEN_FILE"] = file });

        Assert.Equal("from-env", fromValue.Options.Agent.OperatorToken);
        Assert.Equal("from-file", fromFile.Options.Agent.OperatorToken);
    }

    [Fact]
    public void A_missing_token_file_is_a_config_error_naming_the_key_and_the_path()
    {
        var missing = Path.Combine(_directory.FullName, "absent");

        var loaded = SchedulerConfigLoader.Load(environment: new Hashtable { ["SCHED_OPERATOR_TOKEN_FILE"] = missing });

        var error = Assert.Single(loaded.Errors);
        Assert.Equal("agent.operatorTokenFile", error.Key);
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void A_token_and_a_token_file_together_are_refused()
    {
        var file = Write("gpu.token", "x");
        using var config = new TempConfigFile($$"""
            agent.resourceClasses { "team/gpu" { token = inline, tokenFile = "{{file}}" } }
            """);

        var loaded = SchedulerConfigLoader.Load(config.Path, new Hashtable());

        Assert.Contains(loaded.Errors, e => e.Key == "agent.resourceClasses.team/gpu.tokenFile" && e.Message.Contains("choose one"));
    }

    [Fact]
    public void The_operator_token_must_differ_from_every_class_token()
    {
        var loaded = SchedulerConfigLoader.Load(environment: new Hashtable { ["SCHED_OPERATOR_TOKEN"] = "local-small-token" });

        Assert.Contains(loaded.Errors, e => e.Key == "agent.operatorToken" && e.Message.Contains("local/small"));
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
