using Scheduler.Domain.Config;

namespace Scheduler.Domain.Tests.Config;

/// <summary>A class's <c>allowServices</c> and <c>serviceStartTimeout</c>, as config.</summary>
public class ClassServiceConfigTests
{
    private static ConfigLoadResult Read(string classJson) => SchedulerConfigReader.Read(ConfigTrees.WithClass("ci/build", classJson));

    [Fact]
    public void Services_are_allowed_with_a_two_minute_wait_by_default()
    {
        var result = Read("""{ "token": "t" }""");

        Assert.True(result.IsValid, result.Describe());
        var options = result.Options!.Agent.ResourceClasses["ci/build"];
        Assert.True(options.AllowServices);
        Assert.Equal(TimeSpan.FromMinutes(2), options.ServiceStartTimeout);
    }

    [Fact]
    public void Both_settings_are_read()
    {
        var result = Read("""{ "token": "t", "allowServices": false, "serviceStartTimeout": "30s" }""");

        Assert.True(result.IsValid, result.Describe());
        var options = result.Options!.Agent.ResourceClasses["ci/build"];
        Assert.False(options.AllowServices);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ServiceStartTimeout);
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("soon")]
    public void A_wait_that_is_not_a_positive_duration_is_refused(string timeout)
    {
        var error = Assert.Single(Read($$"""{ "token": "t", "serviceStartTimeout": "{{timeout}}" }""").Errors);

        Assert.Equal("agent.resourceClasses.ci/build.serviceStartTimeout", error.Key);
    }
}
