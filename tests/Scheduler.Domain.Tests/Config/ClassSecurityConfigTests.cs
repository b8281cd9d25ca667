using Scheduler.Domain.Config;

namespace Scheduler.Domain.Tests.Config;

/// <summary>A class's allow-lists and its <c>allowPrivileged</c> opt-in, as config.</summary>
public class ClassSecurityConfigTests
{
    private static ConfigLoadResult Read(string classJson) => SchedulerConfigReader.Read(ConfigTrees.WithClass("ci/build", classJson));

    [Fact]
    public void Allow_lists_and_the_opt_in_are_read()
    {
        var result = Read("""
            { "token": "t", "allowedImages": ["alpine:*"], "allowedPullPolicies": ["IfNotPresent"], "allowPrivileged": true }
            """);

        Assert.True(result.IsValid, result.Describe());
        var options = result.Options!.Agent.ResourceClasses["ci/build"];
        Assert.Equal(["alpine:*"], options.AllowedImages);
        Assert.Equal(["IfNotPresent"], options.AllowedPullPolicies);
        Assert.True(options.AllowPrivileged);
    }

    [Fact]
    public void A_template_that_loosens_the_pod_defaults_is_refused_naming_the_field_and_the_opt_in()
    {
        var result = Read("""
            { "token": "t", "spec": { "containers": [ { "securityContext": { "privileged": true } } ] } }
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal("agent.resourceClasses.ci/build.spec.containers[0].securityContext.privileged", error.Key);
        Assert.Contains("allowPrivileged = true", error.Message);
    }

    [Fact]
    public void With_allowPrivileged_the_same_template_is_accepted()
    {
        var result = Read("""
            { "token": "t", "allowPrivileged": true, "spec": { "automountServiceAccountToken": true, "containers": [ { "securityContext": { "privileged": true } } ] } }
            """);

        Assert.True(result.IsValid, result.Describe());
    }

    [Fact]
    public void An_unknown_pull_policy_is_refused()
    {
        var error = Assert.Single(Read("""{ "token": "t", "allowedPullPolicies": ["Sometimes"] }""").Errors);

        Assert.Equal("agent.resourceClasses.ci/build.allowedPullPolicies", error.Key);
        Assert.Contains("Sometimes", error.Message);
    }

    [Fact]
    public void A_template_pull_policy_outside_the_allow_list_is_refused()
    {
        var error = Assert.Single(Read("""
            { "token": "t", "allowedPullPolicies": ["IfNotPresent"], "spec": { "containers": [ { "imagePullPolicy": "Always" } ] } }
            """).Errors);

        Assert.Equal("agent.resourceClasses.ci/build.spec.containers[0].imagePullPolicy", error.Key);
    }

    [Fact]
    public void The_operator_token_may_not_be_a_class_token()
    {
        var error = Assert.Single(SchedulerConfigReader.Read(ConfigTrees.WithAgent("\"operatorToken\": \"t-small\"")).Errors);

        Assert.Equal("agent.operatorToken", error.Key);
    }
}
