using k8s.Models;

namespace Scheduler.LocalKube.Kubelet;

/// <summary>
/// A pod's directory, standing in for its container filesystems and volumes. Absolute container paths map into it:
/// a path under a volumeMount goes to <c>volumes/&lt;volume&gt;/…</c> (shared by every container mounting it),
/// any other path to <c>containers/&lt;container&gt;/rootfs/…</c>. Container logs live in <c>logs/&lt;container&gt;/&lt;restart count&gt;.log</c>.
/// A persistentVolumeClaim volume's <c>volumes/&lt;volume&gt;</c> is a symbolic link to the claim's own directory,
/// <c>claims/&lt;namespace&gt;_&lt;claimName&gt;</c> beside <c>pods</c>: created on first use (there is no
/// PersistentVolumeClaim API), shared by every pod that mounts the claim, and kept when a pod goes, like a bound volume.
/// </summary>
public sealed class PodDirectory
{
    private readonly Dictionary<string, string> _claimDirectories;

    public PodDirectory(string rootDirectory, V1Pod pod)
    {
        var meta = pod.Metadata;
        var root = System.IO.Path.GetFullPath(rootDirectory);
        var ns = meta.NamespaceProperty ?? "default";
        Path = System.IO.Path.Combine(root, "pods", $"{ns}_{meta.Name}_{meta.Uid}");
        _claimDirectories = (pod.Spec?.Volumes ?? [])
            .Where(v => v.PersistentVolumeClaim?.ClaimName is { Length: > 0 })
            .ToDictionary(v => v.Name, v => System.IO.Path.Combine(root, "claims", $"{ns}_{v.PersistentVolumeClaim.ClaimName}"));
    }

    public string Path { get; }

    public string LogFile(string container, int restartCount) => Combine("logs", container, $"{restartCount}.log");

    /// <summary>Maps an absolute path as the container sees it to the host directory standing in for it.</summary>
    public string Map(V1Container container, string containerPath)
    {
        var normalized = "/" + string.Join('/', containerPath.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var mount = (container.VolumeMounts ?? [])
            .Where(m => IsUnder(normalized, m.MountPath))
            .MaxBy(m => m.MountPath.TrimEnd('/').Length);
        if (mount is null)
            return Combine("containers", container.Name, "rootfs", normalized.TrimStart('/'));
        var rest = normalized[Math.Min(normalized.Length, mount.MountPath.TrimEnd('/').Length)..].TrimStart('/');
        return Combine("volumes", mount.Name, mount.SubPath ?? "", rest);
    }

    public string WorkingDirectory(V1Container container) => Map(container, container.WorkingDir ?? "/");

    public string Home(V1Container container) => Map(container, "/root");

    /// <summary>Creates the pod's directories: claim links, logs, every container's working directory and home.</summary>
    public void Create(V1Pod pod)
    {
        foreach (var (volume, claimDirectory) in _claimDirectories)
        {
            Directory.CreateDirectory(claimDirectory);
            var link = Combine("volumes", volume);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(link)!);
            if (!Directory.Exists(link))
                Directory.CreateSymbolicLink(link, claimDirectory);
        }
        foreach (var container in pod.Spec.Containers)
        {
            Directory.CreateDirectory(Combine("logs", container.Name));
            Directory.CreateDirectory(WorkingDirectory(container));
            Directory.CreateDirectory(Home(container));
            foreach (var mount in container.VolumeMounts ?? [])
                Directory.CreateDirectory(Map(container, mount.MountPath));
        }
    }

    /// <summary>Deletes the pod's directory; a claim's directory stays (only its link goes).</summary>
    public void Delete()
    {
        try
        {
            if (Directory.Exists(Path))
                Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process we could not kill still writes there; leave it for the next cleanup.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static bool IsUnder(string path, string mountPath)
    {
        var mount = mountPath.TrimEnd('/');
        return mount.Length == 0 || path == mount || path.StartsWith(mount + "/", StringComparison.Ordinal);
    }

    /// <summary>Joins under the pod directory; a path that would escape it (a "../" subPath) is refused.</summary>
    private string Combine(params string[] parts)
    {
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine([Path, .. parts.Where(p => p.Length > 0)]));
        if (full != Path && !full.StartsWith(Path + "/", StringComparison.Ordinal))
            throw new InvalidOperationException($"path escapes the pod directory: {string.Join('/', parts)}");
        return full;
    }
}
