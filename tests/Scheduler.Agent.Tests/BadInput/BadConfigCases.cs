using System.Collections;

namespace Scheduler.Agent.Tests.BadInput;

/// <summary>A bad agent config (a HOCON file, optionally environment overrides) and the key its error must name.</summary>
public sealed record BadConfig(string Name, string Hocon, string Key, string Message)
{
    public IDictionary Environment { get; init; } = new Hashtable();

    public override string ToString() => Name;
}

public static class BadConfigCases
{
    public static readonly IReadOnlyList<BadConfig> All =
    [
        new("maxConcurrentTasks is not a number", "agent.maxConcurrentTasks = lots", "agent.maxConcurrentTasks", "must be a whole number"),
        new("maxRunTime is not a duration", "agent.maxRunTime = 3x", "agent.maxRunTime", "invalid duration \"3x\""),
        new("maxRunTime reaches kubeGCThreshold", "agent { maxRunTime = 2h, kubeGCThreshold = 1h }", "agent.maxRunTime", "must be below agent.kubeGCThreshold"),
        new("a class without a token", """agent.resourceClasses { "a/b" { maxConcurrentTasks = 2 } }""", "agent.resourceClasses.a/b.token", "required"),
        new("a class with an unknown execution", """agent.resourceClasses { "a/b" { token = t, execution = teleport } }""", "agent.resourceClasses.a/b.execution", "teleport"),
        new("a misspelt class field", """agent.resourceClasses { "a/b" { token = t, tokn = t } }""", "agent.resourceClasses.a/b.tokn", "unknown field"),
        new("a privileged template without the opt-in",
            """agent.resourceClasses { "a/b" { token = t, spec { containers = [ { name = c, securityContext { privileged = true } } ] } } }""",
            "agent.resourceClasses.a/b.spec.containers[0].securityContext.privileged", "allowPrivileged"),
        new("api.maxBodyBytes is zero", "api.maxBodyBytes = 0", "api.maxBodyBytes", "must be at least 1"),
        new("api.listenUrl is not http", "api.listenUrl = \"ftp://127.0.0.1:21\"", "api.listenUrl", "must be an absolute http(s) URL"),
        new("kubernetes.qps is zero", "kubernetes.qps = 0", "kubernetes.qps", "must be positive"),
        new("replica.port out of range", "replica.port = 70000", "replica.port", "between 0 and 65535"),
        new("a malformed seed node", "replica.seedNodes = [\"10.0.0.1:4053\"]", "replica.seedNodes[0]", "akka.tcp://"),
        new("a short secrets key", "storage.secretsKey = \"c2hvcnQ=\"", "storage.secretsKey", "32 random bytes in base64"),
        new("a public console without a token", "console.host = \"0.0.0.0\"", "console.token", "required"),
        new("an environment override that is not a number", "", "agent.maxConcurrentTasks", "must be a whole number, got \"many\"")
        {
            Environment = new Hashtable { ["SCHED_agent__maxConcurrentTasks"] = "many" },
        },
    ];

    public static TheoryData<string> Names => new(All.Select(c => c.Name));

    public static BadConfig Named(string name) => All.Single(c => c.Name == name);
}
