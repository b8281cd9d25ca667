using Scheduler.LocalKube.Selectors;
using Xunit;

namespace Scheduler.LocalKube.Tests.Unit;

public class FieldSelectorTests
{
    private static readonly string[] Supported = ["metadata.name", "status.phase", "spec.nodeName"];
    private static readonly Dictionary<string, string> Fields = new() { ["metadata.name"] = "p1", ["status.phase"] = "Running", ["spec.nodeName"] = "" };

    [Theory]
    [InlineData("metadata.name=p1", true)]
    [InlineData("metadata.name==p1", true)]
    [InlineData("metadata.name!=p1", false)]
    [InlineData("status.phase=Running,metadata.name=p1", true)]
    [InlineData("status.phase=Running,metadata.name=p2", false)]
    [InlineData("spec.nodeName=", true)]
    [InlineData("spec.nodeName!=", false)]
    public void Matches_fields(string selector, bool expected) =>
        Assert.Equal(expected, FieldSelector.Parse(selector, Supported).Matches(Fields));

    [Fact]
    public void Unknown_field_is_rejected_with_the_apiserver_message()
    {
        var error = Assert.Throws<SelectorParseException>(() => FieldSelector.Parse("spec.foo=bar", Supported));
        Assert.Equal("field label not supported: spec.foo", error.Message);
    }

    [Fact]
    public void A_term_without_an_operator_is_rejected() =>
        Assert.Throws<SelectorParseException>(() => FieldSelector.Parse("metadata.name", Supported));
}
