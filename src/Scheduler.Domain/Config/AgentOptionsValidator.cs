using System.Text.RegularExpressions;
using Scheduler.Domain.Pods;
using Scheduler.Domain.Time;

namespace Scheduler.Domain.Config;

/// <summary>The rules <c>agent.*</c> must satisfy beyond well-formed values.</summary>
public static partial class AgentOptionsValidator
{
    /// <summary>CircleCI-style <c>namespace/name</c>; at most 63 characters so it can become a label value.</summary>
    [GeneratedRegex("^[a-z0-9]([a-z0-9_/-]{0,61}[a-z0-9])?$")]
    private static partial Regex ResourceClassName();

    public static IEnumerable<ConfigError> Validate(AgentOptions agent)
    {
        if (agent.MaxConcurrentTasks < 1)
            yield return new("agent.maxConcurrentTasks", $"must be at least 1, got {agent.MaxConcurrentTasks}");
        if (agent.MaxRunTime <= TimeSpan.Zero)
            yield return new("agent.maxRunTime", "must be positive");
        if (agent.MaxRunTime >= agent.KubeGCThreshold)
            yield return new("agent.maxRunTime",
                $"must be below agent.kubeGCThreshold ({GoDuration.Format(agent.KubeGCThreshold)}), got {GoDuration.Format(agent.MaxRunTime)}: past that age the garbage collector treats a pod whose job it does not know as garbage");
        if (agent.KubeGCInterval <= TimeSpan.Zero)
            yield return new("agent.kubeGCInterval", "must be positive");
        if (agent.ConstraintChecker.Threshold < 1)
            yield return new("agent.constraintChecker.threshold", $"must be at least 1, got {agent.ConstraintChecker.Threshold}");
        if (agent.ConstraintChecker.Interval <= TimeSpan.Zero)
            yield return new("agent.constraintChecker.interval", "must be positive");
        if (agent.PodStartTimeout <= TimeSpan.Zero)
            yield return new("agent.podStartTimeout", "must be positive");
        if (agent.ImagePullGracePeriod <= TimeSpan.Zero)
            yield return new("agent.imagePullGracePeriod", "must be positive");
        if (agent.TerminationGracePeriodSeconds < 0)
            yield return new("agent.terminationGracePeriodSeconds", $"must not be negative, got {agent.TerminationGracePeriodSeconds}");

        foreach (var error in ValidateResourceClasses(agent.ResourceClasses))
            yield return error;
        if (agent.OperatorToken is { } operatorToken && agent.ResourceClasses.Values.FirstOrDefault(c => c.Token == operatorToken) is { } shared)
            yield return new("agent.operatorToken", $"must differ from agent.resourceClasses.{shared.Name}.token: a class token must not grant operator rights");
    }

    private static IEnumerable<ConfigError> ValidateResourceClasses(IReadOnlyDictionary<string, ResourceClassOptions> classes)
    {
        if (classes.Count == 0)
            yield return new("agent.resourceClasses", "at least one resource class is required");

        var classByToken = new Dictionary<string, string>();
        foreach (var (name, rc) in classes)
        {
            var key = $"agent.resourceClasses.{name}";
            if (!ResourceClassName().IsMatch(name))
                yield return new(key, "invalid name: use lower-case letters, digits, '-', '_' and '/' (like namespace/name), starting and ending with a letter or digit, at most 63 characters");
            if (string.IsNullOrWhiteSpace(rc.Token))
                yield return new($"{key}.token", "required");
            else if (!classByToken.TryAdd(rc.Token, name))
                yield return new($"{key}.token", $"must differ from agent.resourceClasses.{classByToken[rc.Token]}.token: a token names exactly one class");
            if (rc.MaxConcurrentTasks < 1)
                yield return new($"{key}.maxConcurrentTasks", $"must be at least 1, got {rc.MaxConcurrentTasks}");
            if (rc.ServiceStartTimeout <= TimeSpan.Zero)
                yield return new($"{key}.serviceStartTimeout", "must be positive");
            if (!rc.AllowPrivileged)
                foreach (var (path, problem) in PodSecurity.Loosenings(rc.Template.Spec))
                    yield return new($"{key}.{path}", $"{problem}, which loosens the secure pod defaults; set {key}.allowPrivileged = true to allow it");
            foreach (var policy in rc.AllowedPullPolicies.Where(p => !PullPolicies.All.Contains(p)))
                yield return new($"{key}.allowedPullPolicies", $"unknown pull policy \"{policy}\" (expected {string.Join(", ", PullPolicies.All)})");
            if (PullPolicies.Explicit(rc.Template.Spec) is { } templatePolicy && !PullPolicies.Allowed(templatePolicy, rc.AllowedPullPolicies))
                yield return new($"{key}.spec.containers[0].imagePullPolicy", $"\"{templatePolicy}\" is not in allowedPullPolicies ({string.Join(", ", rc.AllowedPullPolicies)})");
        }
    }
}
