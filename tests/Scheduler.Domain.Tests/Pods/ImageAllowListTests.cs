using k8s.Models;
using Scheduler.Domain.Pods;

namespace Scheduler.Domain.Tests.Pods;

public class ImageAllowListTests
{
    [Theory]
    [InlineData("alpine:*", "alpine:3.20", true)]
    [InlineData("alpine:*", "evil/alpine:3.20", false)]
    [InlineData("registry.example.com/ci/*", "registry.example.com/ci/node:20", true)]
    [InlineData("registry.example.com/ci/*", "registry.example.com/ci/team/node:20", false)]
    [InlineData("registry.example.com/ci/**", "registry.example.com/ci/team/node:20", true)]
    [InlineData("busybox:1.36", "busybox:1.36", true)]
    [InlineData("busybox:1.36", "busybox:1.37", false)]
    [InlineData("a.b", "axb", false)]
    public void Patterns_match_like_GitLabs_allowed_images(string pattern, string image, bool allowed)
    {
        Assert.Equal(allowed, ImagePatterns.Allows([pattern], image));
    }

    [Fact]
    public void An_empty_list_allows_every_image()
    {
        Assert.True(ImagePatterns.Allows([], "anything/at:all"));
    }

    [Theory]
    [InlineData("alpine", "Always")]
    [InlineData("alpine:latest", "Always")]
    [InlineData("localhost:5000/alpine", "Always")]
    [InlineData("alpine:3.20", "IfNotPresent")]
    [InlineData("localhost:5000/alpine:3.20", "IfNotPresent")]
    [InlineData("alpine@sha256:abcd", "IfNotPresent")]
    public void Without_a_template_policy_the_effective_one_is_kubernetes_default(string image, string policy)
    {
        Assert.Equal(policy, PullPolicies.Effective(new V1PodSpec(), image));
    }

    [Fact]
    public void The_templates_policy_wins()
    {
        Assert.Equal("Never", PullPolicies.Effective(new V1PodSpec { Containers = [new V1Container { ImagePullPolicy = "Never" }] }, "alpine"));
    }
}
