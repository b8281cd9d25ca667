using Scheduler.LocalKube.Selectors;
using Xunit;

namespace Scheduler.LocalKube.Tests.Unit;

public class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front", ["env"] = "prod" };

    [Theory]
    [InlineData("", true)]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app=db", false)]
    [InlineData("app!=db", true)]
    [InlineData("app!=web", false)]
    [InlineData("missing!=x", true)]
    [InlineData("tier in (front, back)", true)]
    [InlineData("tier in (back)", false)]
    [InlineData("tier notin (back)", true)]
    [InlineData("tier notin (front,back)", false)]
    [InlineData("missing notin (x)", true)]
    [InlineData("env", true)]
    [InlineData("missing", false)]
    [InlineData("!missing", true)]
    [InlineData("!env", false)]
    [InlineData("app=web,tier in (front),!missing", true)]
    [InlineData("app=web,env=dev", false)]
    [InlineData("example.com/team", false)]
    public void Matches_labels_like_the_apiserver(string selector, bool expected) =>
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Labels));

    [Theory]
    [InlineData("app=web=x")]
    [InlineData("tier in (a")]
    [InlineData("bad key=1")]
    [InlineData("app=,")]
    public void Rejects_malformed_selectors(string selector) =>
        Assert.Throws<SelectorParseException>(() => LabelSelector.Parse(selector));

    [Fact]
    public void Null_labels_match_only_negative_requirements()
    {
        Assert.True(LabelSelector.Parse("!app").Matches(null));
        Assert.False(LabelSelector.Parse("app").Matches(null));
    }
}
