namespace Scheduler.Domain.Config;

/// <summary>Reads the replica-hosting sections: <c>kubernetes.*</c>, <c>api.*</c>, <c>storage.*</c>, <c>replica.*</c>, <c>console.*</c>.</summary>
internal static class HostSectionReaders
{
    public static KubernetesOptions Kubernetes(ConfigSection section)
    {
        var defaults = new KubernetesOptions();
        var options = new KubernetesOptions
        {
            Kubeconfig = NullIfEmpty(section.OptionalString("kubeconfig")),
            Context = NullIfEmpty(section.OptionalString("context")),
            InCluster = section.Bool("inCluster", defaults.InCluster),
            Namespace = section.String("namespace", defaults.Namespace),
            Qps = section.Double("qps", defaults.Qps),
            Burst = section.Int("burst", defaults.Burst),
        };
        section.ReportUnknownKeys();
        return options;
    }

    public static ApiOptions Api(ConfigSection section)
    {
        var defaults = new ApiOptions();
        var options = new ApiOptions
        {
            ListenUrl = section.String("listenUrl", defaults.ListenUrl),
            MaxBodyBytes = section.OptionalLong("maxBodyBytes") ?? defaults.MaxBodyBytes,
        };
        section.ReportUnknownKeys();
        return options;
    }

    public static StorageOptions Storage(ConfigSection section)
    {
        var defaults = new StorageOptions();
        var options = new StorageOptions
        {
            DataDirectory = section.String("dataDirectory", defaults.DataDirectory),
            PostgresConnectionString = NullIfEmpty(section.OptionalString("postgresConnectionString")),
            SecretsKey = NullIfEmpty(section.OptionalString("secretsKey")),
        };
        section.ReportUnknownKeys();
        return options;
    }

    public static ReplicaOptions Replica(ConfigSection section)
    {
        var defaults = new ReplicaOptions();
        var options = new ReplicaOptions
        {
            Hostname = section.String("hostname", defaults.Hostname),
            Port = section.Int("port", defaults.Port),
            SeedNodes = section.StringList("seedNodes"),
        };
        section.ReportUnknownKeys();
        return options;
    }

    public static ConsoleOptions Console(ConfigSection section)
    {
        var defaults = new ConsoleOptions();
        var options = new ConsoleOptions
        {
            Enabled = section.Bool("enabled", defaults.Enabled),
            Host = section.String("host", defaults.Host),
            Port = section.Int("port", defaults.Port),
            Token = NullIfEmpty(section.OptionalString("token")),
            TokenFile = NullIfEmpty(section.OptionalString("tokenFile")),
        };
        section.ReportUnknownKeys();
        return options;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
