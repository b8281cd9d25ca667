namespace Scheduler.LocalKube.Hosting;

/// <summary>The kubeconfig text for a LocalKube endpoint: context "localkube", namespace default, a dummy token.</summary>
internal static class KubeconfigBuilder
{
    public const string ContextName = "localkube";
    public const string Token = "localkube";

    public static string Build(Uri server) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {ContextName}
          cluster:
            server: {server.GetLeftPart(UriPartial.Authority)}
        users:
        - name: {ContextName}
          user:
            token: {Token}
        contexts:
        - name: {ContextName}
          context:
            cluster: {ContextName}
            user: {ContextName}
            namespace: default
        current-context: {ContextName}

        """;
}
