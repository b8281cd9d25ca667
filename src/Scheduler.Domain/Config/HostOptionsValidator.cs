namespace Scheduler.Domain.Config;

/// <summary>The rules the <c>kubernetes</c>, <c>api</c>, <c>storage</c> and <c>replica</c> sections must satisfy.</summary>
public static class HostOptionsValidator
{
    public static IEnumerable<ConfigError> Validate(SchedulerOptions options)
    {
        var kube = options.Kubernetes;
        if (kube.InCluster && kube.Kubeconfig is not null)
            yield return new("kubernetes.inCluster", "cannot be combined with kubernetes.kubeconfig; choose one");
        if (string.IsNullOrWhiteSpace(kube.Namespace))
            yield return new("kubernetes.namespace", "required");
        if (kube.Qps <= 0)
            yield return new("kubernetes.qps", "must be positive");
        if (kube.Burst < 1)
            yield return new("kubernetes.burst", "must be at least 1");

        foreach (var error in ValidateApi(options.Api))
            yield return error;

        if (string.IsNullOrWhiteSpace(options.Storage.DataDirectory))
            yield return new("storage.dataDirectory", "required");
        if (options.Storage.SecretsKey is not null && options.Storage.SecretsKeyValue() is null)
            yield return new("storage.secretsKey", $"must be {StorageOptions.SecretsKeyBytes} random bytes in base64, e.g. from `openssl rand -base64 {StorageOptions.SecretsKeyBytes}`");
        else if (options.Storage.UsesPostgres && options.Storage.SecretsKey is null)
            yield return new("storage.secretsKey", $"required with storage.postgresConnectionString (or set SCHED_SECRETS_KEY): every replica encrypts task secrets in the shared journal with this key; generate one with `openssl rand -base64 {StorageOptions.SecretsKeyBytes}`");

        if (options.Replica.Port is < 0 or > 65535)
            yield return new("replica.port", $"must be between 0 and 65535, got {options.Replica.Port}");
        foreach (var error in ValidateConsole(options.Console))
            yield return error;

        for (var i = 0; i < options.Replica.SeedNodes.Count; i++)
        {
            var seed = options.Replica.SeedNodes[i];
            if (!Uri.TryCreate(seed, UriKind.Absolute, out var address) || address.Scheme != "akka.tcp" || address.Port <= 0 || address.UserInfo.Length == 0)
                yield return new($"replica.seedNodes[{i}]", $"must look like akka.tcp://<system>@<host>:<port>, got \"{seed}\"");
        }
    }

    /// <summary>The <c>api.*</c> rules, also checked after command-line overrides.</summary>
    public static IEnumerable<ConfigError> ValidateApi(ApiOptions api)
    {
        if (!Uri.TryCreate(api.ListenUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            yield return new("api.listenUrl", $"must be an absolute http(s) URL, got \"{api.ListenUrl}\"");
        if (api.MaxBodyBytes < 1)
            yield return new("api.maxBodyBytes", "must be at least 1");
    }

    /// <summary>The <c>console.*</c> rules, also checked after command-line overrides.</summary>
    public static IEnumerable<ConfigError> ValidateConsole(ConsoleOptions console)
    {
        if (!console.Enabled)
            yield break;
        if (console.Port is < 0 or > 65535)
            yield return new("console.port", $"must be between 0 and 65535, got {console.Port}");
        if (console.Address() is null)
            yield return new("console.host", $"must be an IP address or localhost, got \"{console.Host}\"");
        else if (!console.IsLoopback && !console.HasToken)
            yield return new("console.token", $"required when console.host ({console.Host}) is not a loopback address: anyone who reaches the port could cancel jobs and down replicas; set console.token, console.tokenFile or SCHED_CONSOLE_TOKEN, or bind to 127.0.0.1");
        if (console.Token is not null && console.TokenFile is not null)
            yield return new("console.tokenFile", "cannot be combined with console.token; choose one");
    }
}
