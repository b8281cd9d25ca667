using System.Text;

namespace Scheduler.Kube.Steps.Attach;

/// <summary>
/// The one line written to the attached shell's stdin for a step. The script travels base64-encoded (no quoting,
/// newline or heredoc can break the framing) and runs as <c>/bin/sh -c script</c>, exactly as in exec mode, in a child
/// process with stdin from /dev/null, so an <c>exit</c> or a stray read cannot touch the long-lived shell or eat the
/// next command. The marker goes to both stdout and stderr, so each stream shows where the step's output ends.
/// Needs <c>base64 -d</c> in the image (coreutils, busybox and alpine all have it).
/// </summary>
public static class AttachShellCommand
{
    public static string For(string script, StepMarker marker)
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(script));
        var print = $"printf '%s%d\\n' '{marker.Prefix}' \"$__sched_rc\"";
        return $"/bin/sh -c \"$(printf '%s' '{encoded}' | base64 -d)\" </dev/null; __sched_rc=$?; {print}; {print} >&2\n";
    }
}
