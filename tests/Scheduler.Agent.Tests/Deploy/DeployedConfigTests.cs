using System.Collections;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using k8s.Models;
using Scheduler.Agent.Config;

namespace Scheduler.Agent.Tests.Deploy;

/// <summary>
/// The agent.conf each overlay ships, loaded by the agent's own config loader with the environment its StatefulSet
/// gives the container (field references and Secret keys filled with stand-ins) and its token files in place: every
/// key is one the agent reads (it rejects unknown ones), and the values add up to a cluster that can form.
/// </summary>
public sealed partial class DeployedConfigTests : IDisposable
{
    private const string TokensMount = "/run/secrets/scheduler";
    private readonly DirectoryInfo _secrets = Directory.CreateTempSubdirectory("deploy-secrets-");

    [GeneratedRegex(@"\$\((?<name>\w+)\)")]
    private static partial Regex Reference();

    [GeneratedRegex("\"" + TokensMount + "/(?<key>[^\"]+)\"")]
    private static partial Regex TokenFile();

    public void Dispose() => _secrets.Delete(recursive: true);

    [Fact]
    public async Task Every_overlays_agent_conf_loads_with_the_agents_loader_as_its_pods_would_run_it()
    {
        foreach (var overlay in Kustomize.EveryOverlay())
        {
            var objects = await Kustomize.RenderAsync(overlay);
            var set = objects.OfType<V1StatefulSet>().Single();
            var agent = set.Spec.Template.Spec.Containers.Single();
            Assert.Equal(TokensMount, agent.VolumeMounts.Single(m => m.Name == "tokens").MountPath);
            var configFile = agent.Args[agent.Args.IndexOf("--config") + 1];
            var mount = agent.VolumeMounts.Single(m => configFile.StartsWith(m.MountPath + "/", StringComparison.Ordinal));
            Assert.Equal("config", mount.Name);
            var conf = objects.OfType<V1ConfigMap>().Single().Data[Path.GetFileName(configFile)];

            var localConf = Path.Combine(_secrets.FullName, "agent.conf");
            await File.WriteAllTextAsync(localConf, TokenFile().Replace(conf, m =>
            {
                var local = Path.Combine(_secrets.FullName, m.Groups["key"].Value);
                File.WriteAllText(local, $"token-of-{m.Groups["key"].Value}\n");
                return $"\"{local}\"";
            }));
            var loaded = SchedulerConfigLoader.Load(localConf, PodEnvironment(agent, set.Metadata.Name + "-0", set.Metadata.NamespaceProperty));

            Assert.True(loaded.IsValid, $"{overlay}: {loaded.Describe()}");
            var options = loaded.Options;
            Assert.Equal("token-of-operator-token", options.Agent.OperatorToken);
            Assert.All(options.Agent.ResourceClasses.Values, c => Assert.StartsWith("token-of-", c.Token));
            Assert.Equal((true, set.Metadata.NamespaceProperty), (options.Kubernetes.InCluster, options.Kubernetes.Namespace));
            Assert.Equal(agent.VolumeMounts.Single(m => m.Name == "data").MountPath, options.Storage.DataDirectory);
            Assert.Equal(set.Spec.Replicas > 1, options.Storage.UsesPostgres);
            Assert.Equal(8080, new Uri(options.Api.ListenUrl).Port);
            Assert.Equal(agent.Ports.Single(p => p.Name == "remoting").ContainerPort, options.Replica.Port);

            // Each replica is reached at its name under the headless Service, and the seeds are exactly those names.
            var ownName = $"{set.Metadata.Name}-0.{set.Spec.ServiceName}";
            Assert.Equal(ownName, loaded.Hocon.GetString("akka.remote.dot-netty.tcp.public-hostname"));
            var expectedSeeds = set.Spec.Replicas == 1
                ? []
                : Enumerable.Range(0, set.Spec.Replicas!.Value).Select(i => $"akka.tcp://scheduler@{set.Metadata.Name}-{i}.{set.Spec.ServiceName}:{options.Replica.Port}");
            Assert.Equal(expectedSeeds, options.Replica.SeedNodes);
        }
    }

    /// <summary>The container's environment as the kubelet builds it: <c>$(VAR)</c> expanded from earlier entries.</summary>
    private static Hashtable PodEnvironment(V1Container container, string podName, string podNamespace)
    {
        var environment = new Hashtable();
        foreach (var variable in container.Env)
        {
            environment[variable.Name] = variable.ValueFrom switch
            {
                null => Reference().Replace(variable.Value ?? "", m => environment[m.Groups["name"].Value] as string ?? m.Value),
                { FieldRef.FieldPath: "metadata.name" } => podName,
                { FieldRef.FieldPath: "metadata.namespace" } => podNamespace,
                { SecretKeyRef.Key: "secrets-key" } => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                { SecretKeyRef.Key: "connection-string" } => "Host=postgres;Database=scheduler;Username=scheduler;Password=stand-in",
                _ => throw new InvalidOperationException($"no stand-in for {variable.Name}"),
            };
        }
        return environment;
    }
}
