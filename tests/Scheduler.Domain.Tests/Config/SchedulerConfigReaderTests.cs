using Scheduler.Domain.Config;
using Scheduler.Domain.Pods;

namespace Scheduler.Domain.Tests.Config;

public class SchedulerConfigReaderTests
{
    [Fact]
    public void Missing_settings_take_the_CircleCI_defaults()
    {
        var result = SchedulerConfigReader.Read(ConfigTrees.Parse(ConfigTrees.OneClass));

        Assert.True(result.IsValid, result.Describe());
        var agent = result.Options!.Agent;
        Assert.Equal(20, agent.MaxConcurrentTasks);
        Assert.Equal(TimeSpan.FromHours(5), agent.MaxRunTime);
        Assert.True(agent.KubeGCEnabled);
        Assert.Equal(TimeSpan.FromMinutes(305), agent.KubeGCThreshold);
        Assert.Equal(TimeSpan.FromMinutes(3), agent.KubeGCInterval);
        Assert.Equal(TimeSpan.FromMinutes(3), agent.PodStartTimeout);
        Assert.Equal(TimeSpan.FromSeconds(90), agent.ImagePullGracePeriod);
        Assert.Equal(new ConstraintCheckerOptions { Enable = true, Threshold = 3, Interval = TimeSpan.FromMinutes(15) }, agent.ConstraintChecker);
        Assert.Null(agent.TerminationGracePeriodSeconds);
        Assert.Equal("default", result.Options.Kubernetes.Namespace);
        Assert.False(result.Options.Storage.UsesPostgres);
        Assert.Empty(result.Options.Replica.SeedNodes);
    }

    [Fact]
    public void Reads_text_values_into_typed_options()
    {
        var root = ConfigTrees.WithAgent("""
            "name": "replica-a", "maxConcurrentTasks": "7", "maxRunTime": "1h30m", "kubeGCEnabled": "off",
            "kubeGCThreshold": "2h", "kubeGCInterval": "30s", "terminationGracePeriodSeconds": "12",
            "podStartTimeout": "10m", "imagePullGracePeriod": "2m",
            "constraintChecker": { "enable": false, "threshold": "5", "interval": "1m" }
            """);
        root["kubernetes"] = ConfigTrees.Parse("""{ "kubeconfig": "/k/config", "namespace": "ci", "qps": "2.5", "burst": "4" }""");
        root["replica"] = ConfigTrees.Parse("""{ "port": "4053", "seedNodes": ["akka.tcp://scheduler@10.0.0.1:4053"] }""");

        var options = SchedulerConfigReader.Read(root).Options!;

        Assert.Equal("replica-a", options.Agent.Name);
        Assert.Equal(7, options.Agent.MaxConcurrentTasks);
        Assert.Equal(TimeSpan.FromMinutes(90), options.Agent.MaxRunTime);
        Assert.False(options.Agent.KubeGCEnabled);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Agent.KubeGCInterval);
        Assert.Equal(12, options.Agent.TerminationGracePeriodSeconds);
        Assert.Equal(TimeSpan.FromMinutes(10), options.Agent.PodStartTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Agent.ImagePullGracePeriod);
        Assert.Equal(new ConstraintCheckerOptions { Enable = false, Threshold = 5, Interval = TimeSpan.FromMinutes(1) }, options.Agent.ConstraintChecker);
        Assert.Equal(new KubernetesOptions { Kubeconfig = "/k/config", Namespace = "ci", Qps = 2.5, Burst = 4 }, options.Kubernetes);
        Assert.Equal(4053, options.Replica.Port);
        Assert.Equal(["akka.tcp://scheduler@10.0.0.1:4053"], options.Replica.SeedNodes);
    }

    [Fact]
    public void A_resource_class_becomes_token_limit_mode_and_pod_template()
    {
        var root = ConfigTrees.WithClass("team/big", """
            {
              "token": "secret-1", "maxConcurrentTasks": "5", "execution": "attach",
              "metadata": { "labels": { "tier": "ci", "gpu": "true" }, "annotations": { "custom.io": "x" } },
              "spec": {
                "containers": [ { "resources": { "limits": { "cpu": "500m" } } } ],
                "securityContext": { "runAsNonRoot": true, "runAsUser": "1000" },
                "nodeSelector": { "disk": "ssd" },
                "volumes": [ { "name": "xyz", "emptyDir": {} } ]
              }
            }
            """);

        var result = SchedulerConfigReader.Read(root);

        Assert.True(result.IsValid, result.Describe());
        var rc = result.Options!.Agent.ResourceClasses["team/big"];
        Assert.Equal(("team/big", "secret-1", 5, ExecutionMode.Attach), (rc.Name, rc.Token, rc.MaxConcurrentTasks, rc.Execution));
        Assert.Equal("true", rc.Template.Metadata.Labels["gpu"]);
        Assert.Equal("500m", rc.Template.Spec.Containers[0].Resources.Limits["cpu"].ToString());
        Assert.Equal(true, rc.Template.Spec.SecurityContext.RunAsNonRoot);
        Assert.Equal(1000, rc.Template.Spec.SecurityContext.RunAsUser);
        Assert.Equal("ssd", rc.Template.Spec.NodeSelector["disk"]);
        Assert.NotNull(rc.Template.Spec.Volumes[0].EmptyDir);
    }

    [Fact]
    public void A_class_without_a_template_gets_an_empty_one()
    {
        var rc = SchedulerConfigReader.Read(ConfigTrees.Parse(ConfigTrees.OneClass)).Options!.Agent.ResourceClasses["local/small"];

        Assert.Equal(ExecutionMode.Exec, rc.Execution);
        Assert.Null(rc.MaxConcurrentTasks);
        Assert.Empty(rc.Template.Spec.Containers);
        Assert.NotNull(rc.Template.Metadata);
    }
}
