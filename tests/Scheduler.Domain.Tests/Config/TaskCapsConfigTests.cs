using Scheduler.Domain.Config;
using Scheduler.Domain.Pods;

namespace Scheduler.Domain.Tests.Config;

/// <summary>A class's caps on task resources and overrides, its cache and its output limit; the agent's output limit.</summary>
public class TaskCapsConfigTests
{
    private static ConfigLoadResult Read(string classJson) => SchedulerConfigReader.Read(ConfigTrees.WithClass("ci/build", classJson));

    [Fact]
    public void Caps_keys_cache_and_output_limit_are_read()
    {
        var result = Read("""
            { "token": "t", "maxCpu": "2", "maxMemory": "4Gi", "allowedNodeSelectorKeys": ["disktype"],
              "allowedTolerationKeys": ["dedicated"], "outputLimit": "1MiB", "cache": { "persistentVolumeClaim": { "claimName": "ci-cache" } } }
            """);

        Assert.True(result.IsValid, result.Describe());
        var options = result.Options!.Agent.ResourceClasses["ci/build"];
        Assert.Equal(2m, options.MaxCpu!.Value);
        Assert.Equal(4m * 1024 * 1024 * 1024, options.MaxMemory!.Value);
        Assert.Equal(["disktype"], options.AllowedNodeSelectorKeys);
        Assert.Equal(["dedicated"], options.AllowedTolerationKeys);
        Assert.Equal(1024 * 1024, result.Options.Agent.OutputLimitOf(options));
        Assert.Equal(new CacheVolume("ci-cache"), options.Template.Cache);
    }

    [Fact]
    public void Defaults_no_caps_no_cache_and_the_agents_4_MiB_output_limit()
    {
        var result = Read("""{ "token": "t" }""");

        var options = result.Options!.Agent.ResourceClasses["ci/build"];
        Assert.Null(options.MaxCpu);
        Assert.Null(options.Template.Cache);
        Assert.Equal(4 * 1024 * 1024, result.Options.Agent.OutputLimitOf(options));
    }

    [Theory]
    [InlineData("""{ "emptyDir": {} }""")]
    [InlineData("""{ "persistentVolumeClaim": "ci-cache" }""")]
    public void Short_cache_forms_are_read(string cache)
    {
        var result = Read($$"""{ "token": "t", "cache": {{cache}} }""");

        Assert.True(result.IsValid, result.Describe());
        Assert.NotNull(result.Options!.Agent.ResourceClasses["ci/build"].Template.Cache);
    }

    [Theory]
    [InlineData("""{ "token": "t", "maxCpu": "lots" }""", "agent.resourceClasses.ci/build.maxCpu")]
    [InlineData("""{ "token": "t", "outputLimit": "a lot" }""", "agent.resourceClasses.ci/build.outputLimit")]
    [InlineData("""{ "token": "t", "cache": {} }""", "agent.resourceClasses.ci/build.cache")]
    [InlineData("""{ "token": "t", "cache": { "persistentVolumeClaim": { "claimName": "Not_A_Name" } } }""", "agent.resourceClasses.ci/build.cache.persistentVolumeClaim")]
    [InlineData("""{ "token": "t", "cache": { "hostPath": {} } }""", "agent.resourceClasses.ci/build.cache.hostPath")]
    public void Bad_settings_are_refused_naming_the_key(string classJson, string key)
    {
        Assert.Contains(Read(classJson).Errors, e => e.Key == key);
    }

    [Theory]
    [InlineData("4MiB", 4 * 1024 * 1024)]
    [InlineData("4 MiB", 4 * 1024 * 1024)]
    [InlineData("4Mi", 4 * 1024 * 1024)]
    [InlineData("512k", 512 * 1024)]
    [InlineData("2MB", 2_000_000)]
    [InlineData("1048576", 1048576)]
    public void Byte_sizes_read_hocon_and_kubernetes_units(string text, long bytes)
    {
        Assert.True(ByteSize.TryParse(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }
}
