using k8s;
using k8s.Models;

namespace Scheduler.Kube.Steps;

/// <summary>The Status the API server sends on channel 3 when an exec'd process ends.</summary>
public sealed record ExecStatus(int? ExitCode, string? FailureMessage)
{
    /// <summary>
    /// Success is exit code 0; <c>NonZeroExitCode</c> carries the code in <c>details.causes[reason=ExitCode].message</c>.
    /// Any other failure (container not found, command not startable...) has no exit code.
    /// </summary>
    public static ExecStatus Parse(string json)
    {
        V1Status? status;
        try
        {
            status = KubernetesJson.Deserialize<V1Status>(json);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException)
        {
            return new ExecStatus(null, $"unreadable exec status: {json}");
        }

        if (status?.Status == "Success") return new ExecStatus(0, null);
        if (status?.Reason == "NonZeroExitCode"
            && status.Details?.Causes?.FirstOrDefault(c => c.Reason == "ExitCode")?.Message is { } code
            && int.TryParse(code, out var exitCode))
        {
            return new ExecStatus(exitCode, null);
        }
        return new ExecStatus(null, status?.Message ?? $"exec failed without a message: {json}");
    }
}
