using System.Text;
using k8s.Models;
using Scheduler.LocalKube.Api;
using Scheduler.LocalKube.Resources;
using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Unit;

/// <summary>Bodies built with Google.Protobuf's writer, as client-go lays them out, decoded by LocalKube.</summary>
public class ProtobufDecodingTests
{
    /// <summary>ObjectMeta as client-go writes it: every non-pointer field, zero values included.</summary>
    private static ProtoMessage Meta(ProtoMessage m, string name) => m
        .String(1, name).String(2, "").String(3, "").String(4, "").String(5, "").String(6, "")
        .Varint(7, 0).Message(8, _ => { });

    private static T Decode<T>(ResourceKind kind, string kindName, Action<ProtoMessage> build) =>
        Assert.IsType<T>(ProtobufBody.ReadObject(ProtoMessage.Envelope("v1", kindName, build), kind, subresource: null));

    [Fact]
    public void Secret_with_data_string_data_type_and_immutable()
    {
        var secret = Decode<V1Secret>(ResourceCatalog.Secrets, "Secret", m => m
            .Message(1, meta => Meta(meta, "s"))
            .Entry(2, "k", "v"u8.ToArray())
            .Entry(2, "bin", new byte[] { 0, 255 })
            .String(3, "kubernetes.io/basic-auth")
            .Entry(4, "plain", "text")
            .Bool(5, true));

        Assert.Equal("s", secret.Metadata.Name);
        Assert.Null(secret.Metadata.NamespaceProperty);
        Assert.Null(secret.Metadata.CreationTimestamp);
        Assert.Null(secret.Metadata.Generation);
        Assert.Equal("v", Encoding.UTF8.GetString(secret.Data["k"]));
        Assert.Equal(new byte[] { 0, 255 }, secret.Data["bin"]);
        Assert.Equal("text", secret.StringData["plain"]);
        Assert.Equal("kubernetes.io/basic-auth", secret.Type);
        Assert.True(secret.Immutable);
    }

    [Fact]
    public void ConfigMap_with_data_binary_data_and_immutable()
    {
        var configMap = Decode<V1ConfigMap>(ResourceCatalog.ConfigMaps, "ConfigMap", m => m
            .Message(1, meta => Meta(meta, "c"))
            .Entry(2, "a", "b")
            .Entry(2, "empty", "")
            .Entry(3, "raw", new byte[] { 1, 2, 3 })
            .Bool(4, false));

        Assert.Equal("c", configMap.Metadata.Name);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "b", ["empty"] = "" }, configMap.Data);
        Assert.Equal(new byte[] { 1, 2, 3 }, configMap.BinaryData["raw"]);
        Assert.False(configMap.Immutable);
    }

    [Fact]
    public void Namespace_with_finalizers_and_full_metadata()
    {
        var ns = Decode<V1Namespace>(ResourceCatalog.Namespaces, "Namespace", m => m
            .Message(1, meta => meta
                .String(1, "").String(2, "team-").String(3, "")
                .String(5, "uid-1").String(6, "42").Varint(7, 3)
                .Message(8, time => time.Varint(1, 1_700_000_000).Varint(2, 500_000_000))
                .Varint(10, 30)
                .Entry(11, "team", "a").Entry(11, "blank", "")
                .Entry(12, "note", "hello")
                .Message(13, owner => owner.String(1, "Pod").String(3, "owner").String(4, "uid-0").String(5, "v1").Bool(6, true).Bool(7, false))
                .String(14, "example.com/keep")
                .Message(17, managed => managed.String(1, "kubectl")))
            .Message(2, spec => spec.String(1, "kubernetes").String(1, "custom"))
            .Message(3, status => status.String(1, "Terminating")));

        var meta = ns.Metadata;
        Assert.Null(meta.Name);
        Assert.Equal("team-", meta.GenerateName);
        Assert.Equal(("uid-1", "42", 3L), (meta.Uid, meta.ResourceVersion, meta.Generation));
        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20, 500, DateTimeKind.Utc), meta.CreationTimestamp);
        Assert.Equal(30, meta.DeletionGracePeriodSeconds);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "a", ["blank"] = "" }, meta.Labels);
        Assert.Equal("hello", meta.Annotations["note"]);
        var owner = Assert.Single(meta.OwnerReferences);
        Assert.Equal(("v1", "Pod", "owner", "uid-0", true, false), (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
        Assert.Equal(["example.com/keep"], meta.Finalizers);
        Assert.Null(meta.ManagedFields);
        Assert.Equal(["kubernetes", "custom"], ns.Spec.Finalizers);
        Assert.Null(ns.Status);
    }

    [Fact]
    public void Node_spec_with_taints()
    {
        var node = Decode<V1Node>(ResourceCatalog.Nodes, "Node", m => m
            .Message(1, meta => Meta(meta, "n1").Entry(11, "disk", "ssd"))
            .Message(2, spec => spec
                .String(1, "10.0.0.0/24").String(2, "").String(3, "local://n1").Bool(4, true)
                .Message(5, taint => taint.String(1, "dedicated").String(2, "ci").String(3, "NoSchedule"))
                .Message(5, taint => taint.String(1, "gpu").String(2, "").String(3, "NoExecute").Message(4, t => t.Varint(1, 60)))
                .String(7, "10.0.0.0/24"))
            .Message(3, status => status.QuantityEntry(1, "cpu", "64")));

        Assert.Equal("ssd", node.Metadata.Labels["disk"]);
        Assert.Equal(("10.0.0.0/24", "local://n1", true), (node.Spec.PodCIDR, node.Spec.ProviderID, node.Spec.Unschedulable));
        Assert.Equal(["10.0.0.0/24"], node.Spec.PodCIDRs);
        Assert.Equal(2, node.Spec.Taints.Count);
        Assert.Equal(("dedicated", "ci", "NoSchedule"), (node.Spec.Taints[0].Key, node.Spec.Taints[0].Value, node.Spec.Taints[0].Effect));
        Assert.Null(node.Spec.Taints[1].Value);
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(60), node.Spec.Taints[1].TimeAdded);
        Assert.Null(node.Status);
    }

    [Fact]
    public void Pod_spec_subset_with_containers_volumes_tolerations_and_affinity()
    {
        var pod = Decode<V1Pod>(ResourceCatalog.Pods, "Pod", m => m
            .Message(1, meta => Meta(meta, "p").Entry(11, "app", "web"))
            .Message(2, spec => spec
                .Message(1, volume => volume.String(1, "scratch").Message(2, source => source.Message(2, dir => dir.String(1, "Memory").Message(2, q => q.String(1, "64Mi")))))
                .Message(1, volume => volume.String(1, "creds").Message(2, source => source.Message(6, secret => secret
                    .String(1, "db").Message(2, item => item.String(1, "password").String(2, "pw").Varint(3, 256)).Varint(3, 420))))
                .Message(1, volume => volume.String(1, "conf").Message(2, source => source.Message(19, cm => cm
                    .Message(1, reference => reference.String(1, "settings")).Bool(4, true))))
                .Message(1, volume => volume.String(1, "host").Message(2, source => source.Message(1, host => host.String(1, "/var/log"))))
                .Message(1, volume => volume.String(1, "claim").Message(2, source => source.Message(10, pvc => pvc.String(1, "data"))))
                .Message(2, container => container
                    .String(1, "main").String(2, "busybox:1.36")
                    .String(3, "sh").String(3, "-c").String(4, "echo $A").String(4, "")
                    .String(5, "/work")
                    .Message(6, port => port.String(1, "http").Varint(2, 0).Varint(3, 8080).String(4, "TCP").String(5, ""))
                    .Message(7, env => env.String(1, "A").String(2, "1"))
                    .Message(7, env => env.String(1, "PASSWORD").String(2, "").Message(3, from => from
                        .Message(4, key => key.Message(1, r => r.String(1, "db")).String(2, "password").Bool(3, false))))
                    .Message(7, env => env.String(1, "MODE").Message(3, from => from
                        .Message(3, key => key.Message(1, r => r.String(1, "settings")).String(2, "mode"))))
                    .Message(7, env => env.String(1, "POD").Message(3, from => from
                        .Message(1, field => field.String(1, "v1").String(2, "metadata.name"))))
                    .Message(7, env => env.String(1, "CPU").Message(3, from => from
                        .Message(2, field => field.String(1, "main").String(2, "limits.cpu").Message(3, q => q.String(1, "1m")))))
                    .Message(8, resources => resources
                        .QuantityEntry(1, "cpu", "500m").QuantityEntry(1, "memory", "128Mi")
                        .QuantityEntry(2, "cpu", "250m"))
                    .Message(9, mount => mount.String(1, "creds").Bool(2, true).String(3, "/etc/creds").String(4, ""))
                    .Message(10, probe => probe.Varint(2, 5))
                    .String(13, "/dev/termination-log").String(14, "IfNotPresent")
                    .Message(15, security => security.Message(1, caps => caps.String(1, "NET_ADMIN")).Bool(2, false).Varint(4, 1000))
                    .Bool(16, true).Bool(17, false).Bool(18, false)
                    .Message(19, envFrom => envFrom.String(1, "DB_").Message(3, secret => secret.Message(1, r => r.String(1, "db")).Bool(2, true)))
                    .String(20, "File"))
                .String(3, "OnFailure")
                .Varint(4, 0)
                .Varint(5, 600)
                .String(6, "ClusterFirst")
                .Entry(7, "disk", "ssd")
                .String(8, "builder")
                .String(10, "")
                .Bool(11, false).Bool(12, true).Bool(13, false)
                .Message(14, security => security.Varint(2, 1000).Varint(5, 2000))
                .Message(15, secret => secret.String(1, "registry"))
                .Message(18, affinity => affinity.Message(1, node => node
                    .Message(1, selector => selector.Message(1, term => term
                        .Message(1, requirement => requirement.String(1, "zone").String(2, "In").String(3, "a").String(3, "b"))
                        .Message(2, requirement => requirement.String(1, "metadata.name").String(2, "NotIn").String(3, "bad-node"))))
                    .Message(2, preferred => preferred.Varint(1, 10).Message(2, term => term
                        .Message(1, requirement => requirement.String(1, "fast").String(2, "Exists")))))
                    .Message(2, podAffinity => podAffinity.Message(1, _ => { })))
                .Message(20, init => init.String(1, "setup").String(2, "busybox").String(3, "true"))
                .Message(22, toleration => toleration.String(1, "dedicated").String(2, "Equal").String(3, "ci").String(4, "NoExecute").Varint(5, 30))
                .Message(22, toleration => toleration.String(1, "").String(2, "Exists").String(3, "").String(4, ""))
                .Varint(99, 7).String(98, "future").Fixed64(97, 1).Fixed32(96, 2))
            .Message(3, status => status.String(1, "Running")));

        Assert.Equal("web", pod.Metadata.Labels["app"]);
        Assert.Null(pod.Status);
        var spec = pod.Spec;
        Assert.Equal(("OnFailure", 0L, 600L), (spec.RestartPolicy, spec.TerminationGracePeriodSeconds, spec.ActiveDeadlineSeconds));
        Assert.Equal(("ClusterFirst", "builder"), (spec.DnsPolicy, spec.ServiceAccountName));
        Assert.Null(spec.NodeName);
        Assert.Equal((null, true, null), (spec.HostNetwork, spec.HostPID, spec.HostIPC));
        Assert.Equal("ssd", spec.NodeSelector["disk"]);
        Assert.Equal((1000L, 2000L), (spec.SecurityContext.RunAsUser, spec.SecurityContext.FsGroup));
        Assert.Equal("registry", Assert.Single(spec.ImagePullSecrets).Name);

        Assert.Equal(["scratch", "creds", "conf", "host", "claim"], spec.Volumes.Select(v => v.Name));
        Assert.Equal(("Memory", "64Mi"), (spec.Volumes[0].EmptyDir.Medium, spec.Volumes[0].EmptyDir.SizeLimit.ToString()));
        var secretVolume = spec.Volumes[1].Secret;
        Assert.Equal(("db", 420), (secretVolume.SecretName, secretVolume.DefaultMode));
        Assert.Equal(("password", "pw", 256), (secretVolume.Items[0].Key, secretVolume.Items[0].Path, secretVolume.Items[0].Mode));
        Assert.Equal(("settings", true), (spec.Volumes[2].ConfigMap.Name, spec.Volumes[2].ConfigMap.Optional));
        Assert.Equal("/var/log", spec.Volumes[3].HostPath.Path);
        Assert.Null(spec.Volumes[4].PersistentVolumeClaim);

        var main = Assert.Single(spec.Containers);
        Assert.Equal(("main", "busybox:1.36", "/work"), (main.Name, main.Image, main.WorkingDir));
        Assert.Equal(["sh", "-c"], main.Command);
        Assert.Equal(["echo $A", ""], main.Args);
        var port = Assert.Single(main.Ports);
        Assert.Equal(("http", null, 8080, "TCP", null), (port.Name, port.HostPort, port.ContainerPort, port.Protocol, port.HostIP));
        Assert.Equal(["A", "PASSWORD", "MODE", "POD", "CPU"], main.Env.Select(e => e.Name));
        Assert.Equal("1", main.Env[0].Value);
        Assert.Null(main.Env[1].Value);
        Assert.Equal(("db", "password", false), (main.Env[1].ValueFrom.SecretKeyRef.Name, main.Env[1].ValueFrom.SecretKeyRef.Key, main.Env[1].ValueFrom.SecretKeyRef.Optional));
        Assert.Equal(("settings", "mode", null), (main.Env[2].ValueFrom.ConfigMapKeyRef.Name, main.Env[2].ValueFrom.ConfigMapKeyRef.Key, main.Env[2].ValueFrom.ConfigMapKeyRef.Optional));
        Assert.Equal(("v1", "metadata.name"), (main.Env[3].ValueFrom.FieldRef.ApiVersion, main.Env[3].ValueFrom.FieldRef.FieldPath));
        Assert.Equal(("main", "limits.cpu", "1m"), (main.Env[4].ValueFrom.ResourceFieldRef.ContainerName, main.Env[4].ValueFrom.ResourceFieldRef.Resource, main.Env[4].ValueFrom.ResourceFieldRef.Divisor.ToString()));
        var envFrom = Assert.Single(main.EnvFrom);
        Assert.Equal(("DB_", "db", true), (envFrom.Prefix, envFrom.SecretRef.Name, envFrom.SecretRef.Optional));
        Assert.Equal("500m", main.Resources.Limits["cpu"].ToString());
        Assert.Equal("128Mi", main.Resources.Limits["memory"].ToString());
        Assert.Equal("250m", main.Resources.Requests["cpu"].ToString());
        var mount = Assert.Single(main.VolumeMounts);
        Assert.Equal(("creds", true, "/etc/creds", null), (mount.Name, mount.ReadOnlyProperty, mount.MountPath, mount.SubPath));
        Assert.Null(main.LivenessProbe);
        Assert.Equal(("/dev/termination-log", "File", "IfNotPresent"), (main.TerminationMessagePath, main.TerminationMessagePolicy, main.ImagePullPolicy));
        Assert.Equal(["NET_ADMIN"], main.SecurityContext.Capabilities.Add);
        Assert.Equal((false, 1000L), (main.SecurityContext.Privileged, main.SecurityContext.RunAsUser));
        Assert.Equal((true, null, null), (main.Stdin, main.StdinOnce, main.Tty));

        Assert.Equal(["setup"], spec.InitContainers.Select(c => c.Name));
        var required = Assert.Single(spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms);
        Assert.Equal(("zone", "In"), (required.MatchExpressions[0].Key, required.MatchExpressions[0].OperatorProperty));
        Assert.Equal(["a", "b"], required.MatchExpressions[0].Values);
        Assert.Equal(("metadata.name", "NotIn"), (required.MatchFields[0].Key, required.MatchFields[0].OperatorProperty));
        var preferred = Assert.Single(spec.Affinity.NodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution);
        Assert.Equal((10, "fast"), (preferred.Weight, preferred.Preference.MatchExpressions[0].Key));
        Assert.Null(spec.Affinity.PodAffinity);
        Assert.Equal(2, spec.Tolerations.Count);
        Assert.Equal(("dedicated", "Equal", "ci", "NoExecute", 30L), (spec.Tolerations[0].Key, spec.Tolerations[0].OperatorProperty, spec.Tolerations[0].Value, spec.Tolerations[0].Effect, spec.Tolerations[0].TolerationSeconds));
        Assert.Equal((null, "Exists", null), (spec.Tolerations[1].Key, spec.Tolerations[1].OperatorProperty, spec.Tolerations[1].Effect));
    }

    [Fact]
    public void Event_with_references_source_times_and_series()
    {
        var e = Decode<Corev1Event>(ResourceCatalog.Events, "Event", m => m
            .Message(1, meta => Meta(meta, "p.1"))
            .Message(2, reference => reference.String(1, "Pod").String(2, "default").String(3, "p").String(4, "uid-p").String(5, "v1").String(6, "7").String(7, "spec.containers{main}"))
            .String(3, "Started").String(4, "Started container main")
            .Message(5, source => source.String(1, "kubelet").String(2, "node-1"))
            .Message(6, time => time.Varint(1, 100)).Message(7, time => time.Varint(1, 200))
            .Varint(8, 2).String(9, "Normal")
            .Message(10, time => time.Varint(1, 300).Varint(2, 1000))
            .Message(11, series => series.Varint(1, 5).Message(2, time => time.Varint(1, 400)))
            .String(12, "Start").String(14, "kubelet").String(15, "node-1"));

        Assert.Equal(("Pod", "default", "p", "uid-p", "v1", "7", "spec.containers{main}"),
            (e.InvolvedObject.Kind, e.InvolvedObject.NamespaceProperty, e.InvolvedObject.Name, e.InvolvedObject.Uid, e.InvolvedObject.ApiVersion, e.InvolvedObject.ResourceVersion, e.InvolvedObject.FieldPath));
        Assert.Equal(("Started", "Started container main", "Normal", 2, "Start"), (e.Reason, e.Message, e.Type, e.Count, e.Action));
        Assert.Equal(("kubelet", "node-1"), (e.Source.Component, e.Source.Host));
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(100), e.FirstTimestamp);
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(200), e.LastTimestamp);
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(300).AddTicks(10), e.EventTime);
        Assert.Equal((5, DateTime.UnixEpoch.AddSeconds(400)), (e.Series.Count, e.Series.LastObservedTime));
        Assert.Equal(("kubelet", "node-1"), (e.ReportingComponent, e.ReportingInstance));
        Assert.Null(e.Related);
    }

    [Fact]
    public void DeleteOptions_with_grace_preconditions_and_policy()
    {
        var options = ProtobufBody.ReadDeleteOptions(ProtoMessage.Envelope("meta.k8s.io/v1", "DeleteOptions", m => m
            .Varint(1, 0)
            .Message(2, preconditions => preconditions.String(1, "uid-1").String(2, "9"))
            .String(4, "Foreground")
            .String(5, "All")));

        Assert.Equal(0, options.GracePeriodSeconds);
        Assert.Equal(("uid-1", "9"), (options.Preconditions.Uid, options.Preconditions.ResourceVersion));
        Assert.Null(options.OrphanDependents);
        Assert.Equal("Foreground", options.PropagationPolicy);
        Assert.Equal(["All"], options.DryRun);
    }
}
