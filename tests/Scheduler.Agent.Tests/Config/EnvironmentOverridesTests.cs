using Scheduler.Agent.Config;

namespace Scheduler.Agent.Tests.Config;

public class EnvironmentOverridesTests
{
    [Theory]
    [InlineData("SCHED_agent__maxRunTime", "\"agent\".\"maxRunTime\"")]
    [InlineData("SCHED_agent__resourceClasses__local/small__token", "\"agent\".\"resourceClasses\".\"local/small\".\"token\"")]
    [InlineData("SCHED_DATA_DIR", "storage.dataDirectory")]
    [InlineData("SCHED_agent", null)]
    [InlineData("SCHED_agent____x", null)]
    [InlineData("HOME", null)]
    public void Maps_variable_names_to_config_paths(string variable, string? expected)
    {
        Assert.Equal(expected, EnvironmentOverrides.KeyPath(variable));
    }
}
