using k8s.Models;
using Scheduler.LocalKube.Kubelet;

namespace Scheduler.LocalKube.Tests.Kubelet;

/// <summary>A persistentVolumeClaim volume is one directory per claim, shared by the pods that mount it and kept when they go.</summary>
public sealed class ClaimVolumeTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("claims-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static V1Pod Pod(string name, string claim) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ns", Uid = name + "-uid" },
        Spec = new V1PodSpec
        {
            Volumes = [new V1Volume { Name = "cache", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claim } }],
            Containers = [new V1Container { Name = "c", WorkingDir = "/workspace", VolumeMounts = [new V1VolumeMount { Name = "cache", MountPath = "/cache" }] }],
        },
    };

    [Fact]
    public void What_one_pod_writes_in_a_claim_the_next_pod_of_the_claim_reads_after_the_first_is_deleted()
    {
        var first = Pod("first", "shared");
        var firstDirectory = new PodDirectory(_root, first);
        firstDirectory.Create(first);
        File.WriteAllText(Path.Combine(firstDirectory.Map(first.Spec.Containers[0], "/cache"), "note"), "kept");
        firstDirectory.Delete();

        var second = Pod("second", "shared");
        var secondDirectory = new PodDirectory(_root, second);
        secondDirectory.Create(second);
        var other = Pod("other", "another-claim");
        var otherDirectory = new PodDirectory(_root, other);
        otherDirectory.Create(other);

        Assert.False(Directory.Exists(firstDirectory.Path));
        Assert.Equal("kept", File.ReadAllText(Path.Combine(secondDirectory.Map(second.Spec.Containers[0], "/cache"), "note")));
        Assert.False(File.Exists(Path.Combine(otherDirectory.Map(other.Spec.Containers[0], "/cache"), "note")));
        Assert.True(File.Exists(Path.Combine(_root, "claims", "ns_shared", "note")));
    }
}
