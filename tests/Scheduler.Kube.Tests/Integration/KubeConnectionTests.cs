using k8s;
using Scheduler.Kube.Connection;
using Scheduler.Kube.Tests.Support;

namespace Scheduler.Kube.Tests.Integration;

public sealed class KubeConnectionTests : KubeTestCluster, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kube-conn-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Connects_from_a_kubeconfig_file_with_the_namespace_it_is_given()
    {
        var path = Path.Combine(_directory, "kubeconfig");
        Server.WriteKubeconfig(path);

        using var connection = KubeConnection.Create(new KubeConnectionOptions { KubeconfigPath = path, Namespace = "kube-system" });

        Assert.Equal("kube-system", connection.Namespace);
        Assert.NotEmpty((await connection.Client.CoreV1.ListNodeAsync()).Items);
    }

    [Fact]
    public void Without_a_namespace_it_uses_the_configs_and_then_default()
    {
        var config = Server.ClientConfiguration();
        config.Namespace = "from-config";
        using var fromConfig = KubeConnection.Create(config, new KubeConnectionOptions());
        config.Namespace = null;
        using var fallback = KubeConnection.Create(config, new KubeConnectionOptions());

        Assert.Equal(("from-config", "default"), (fromConfig.Namespace, fallback.Namespace));
    }
}
