using Scheduler.Domain.Config;
using Scheduler.Domain.Pods;
using Scheduler.Domain.Tasks;

namespace Scheduler.Domain.Tests.Tasks;

public sealed class RetrySpecTests
{
    private const string Steps = "steps: [{name: a, run: \"true\"}]\n";

    [Theory]
    [InlineData("", 0)]
    [InlineData("retry: {infrastructure: 0}\n", 0)]
    [InlineData("retry: {infrastructure: 2}\n", 2)]
    [InlineData("retry:\n  infrastructure: 10\n", 10)]
    public void Retry_infrastructure_is_read(string retry, int expected)
    {
        var parsed = TaskSpecParser.Parse("resource_class: small\n" + retry + Steps);

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.Equal(expected, parsed.Spec.InfrastructureRetries);
    }

    [Theory]
    [InlineData("retry: 1\n", "retry", "must be a mapping")]
    [InlineData("retry: {infrastructure: -1}\n", "retry.infrastructure", "from 0 to 10, got \"-1\"")]
    [InlineData("retry: {infrastructure: 11}\n", "retry.infrastructure", "from 0 to 10, got \"11\"")]
    [InlineData("retry: {infrastructure: lots}\n", "retry.infrastructure", "got \"lots\"")]
    [InlineData("retry: {steps: 1}\n", "retry.steps", "unknown field")]
    public void A_bad_retry_names_the_field(string retry, string field, string message)
    {
        var parsed = TaskSpecParser.Parse("resource_class: small\n" + retry + Steps);

        var error = Assert.Single(parsed.Errors);
        Assert.Equal(field, error.Path);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_class_caps_the_retries()
    {
        var spec = TaskSpecParser.Parse("resource_class: small\nretry: {infrastructure: 3}\n" + Steps).Spec!;
        var resourceClass = new ResourceClassOptions("small", "", null, ExecutionMode.Exec, new PodTemplate(new k8s.Models.V1ObjectMeta(), new k8s.Models.V1PodSpec())) { MaxInfrastructureRetries = 2 };

        var error = Assert.Single(RetryRules.Check(spec, resourceClass));
        Assert.Equal("retry.infrastructure", error.Path);
        Assert.Equal("3 exceeds maxInfrastructureRetries (2) of small", error.Message);
        Assert.Empty(RetryRules.Check(spec with { InfrastructureRetries = 2 }, resourceClass));
    }
}
