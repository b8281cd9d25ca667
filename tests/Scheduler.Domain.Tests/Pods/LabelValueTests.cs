using Scheduler.Domain.Pods;

namespace Scheduler.Domain.Tests.Pods;

public class LabelValueTests
{
    [Theory]
    [InlineData("small")]
    [InlineData("large.x86_64")]
    [InlineData("")]
    public void Valid_values_are_kept(string value)
    {
        Assert.Equal(value, LabelValue.Sanitize(value));
    }

    [Theory]
    [InlineData("acme/large")]
    [InlineData("/leading")]
    [InlineData("with space and ünïcode")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("///")]
    public void Invalid_values_become_valid(string value)
    {
        Assert.True(LabelValue.IsValid(LabelValue.Sanitize(value)), LabelValue.Sanitize(value));
    }

    [Fact]
    public void Sanitised_values_stay_distinct_and_readable()
    {
        var a = LabelValue.Sanitize("acme/large");
        Assert.StartsWith("acme-large-", a);
        Assert.NotEqual(a, LabelValue.Sanitize("acme-large"));
        Assert.NotEqual(a, LabelValue.Sanitize("acme.large/"));
        Assert.Equal(a, LabelValue.Sanitize("acme/large"));
    }

    [Fact]
    public void Class_selector_uses_the_sanitised_value()
    {
        Assert.Equal($"app.kubernetes.io/managed-by=scheduler,scheduler.dev/resource-class={LabelValue.Sanitize("acme/large")}",
            SchedulerLabels.ClassSelector("acme/large"));
    }
}
