using k8s.Models;

namespace Scheduler.LocalKube.Kubelet.Streaming;

/// <summary>The Status objects the kubelet writes on the status channel (3) at the end of an exec or attach.</summary>
public static class StreamStatus
{
    public static V1Status Success() => new() { Metadata = new V1ListMeta(), Status = "Success" };

    public static V1Status NonZeroExit(IReadOnlyList<string> command, int exitCode) => new()
    {
        Metadata = new V1ListMeta(),
        Status = "Failure",
        Message = $"command terminated with non-zero exit code: error executing command [{string.Join(' ', command)}], exit code {exitCode}",
        Reason = "NonZeroExitCode",
        Details = new V1StatusDetails { Causes = [new V1StatusCause { Reason = "ExitCode", Message = exitCode.ToString() }] },
    };

    public static V1Status FromExit(IReadOnlyList<string> command, int exitCode) =>
        exitCode == 0 ? Success() : NonZeroExit(command, exitCode);

    /// <summary>The command could not be started at all: no exit code exists, so this is an internal error.</summary>
    public static V1Status StartFailed(string error)
    {
        var cause = $"error executing command in container: failed to exec in container: failed to start exec: {error}";
        return new V1Status
        {
            Metadata = new V1ListMeta(),
            Status = "Failure",
            Message = "Internal error occurred: " + cause,
            Reason = "InternalError",
            Details = new V1StatusDetails { Causes = [new V1StatusCause { Message = cause }] },
            Code = 500,
        };
    }
}
