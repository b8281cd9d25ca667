using System.Diagnostics;
using k8s;

namespace Scheduler.Agent.Tests.Deploy;

/// <summary>
/// <c>kubectl kustomize DIR</c> (offline: no cluster is contacted), and its output loaded with KubernetesClient's YAML
/// loader into typed objects.
/// </summary>
internal static class Kustomize
{
    public static string BaseDirectory => RepoRoot.Combine("deploy", "kubernetes", "base");

    /// <summary>The base and every directory under <c>deploy/kubernetes/overlays</c>.</summary>
    public static IReadOnlyList<string> EveryOverlay() =>
        [BaseDirectory, .. Directory.GetDirectories(RepoRoot.Combine("deploy", "kubernetes", "overlays")).Order()];

    public static async Task<IReadOnlyList<object>> RenderAsync(string directory)
    {
        var yaml = await RunAsync(directory);
        return KubernetesYaml.LoadAllFromString(yaml);
    }

    private static async Task<string> RunAsync(string directory)
    {
        var info = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "kustomize", directory })
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("kubectl did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"kubectl kustomize {directory} exited with {process.ExitCode}: {await error}");
        return await output;
    }
}
