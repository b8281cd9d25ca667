using System.Globalization;
using System.Text;

namespace Scheduler.Kube.Steps.Detached;

/// <summary>
/// The POSIX <c>sh</c> scripts that run a step detached from the agent's connection (busybox and alpine suffice:
/// <c>setsid</c>, <c>tee</c>, <c>tail</c>, <c>wc</c>, and <c>base64 -d</c> for attach mode). Step <c>i</c> owns these files in the
/// pod's steps volume:
/// <list type="bullet">
/// <item><c>i.claim</c>, created exclusively (<c>set -C</c>: an O_EXCL open, atomic like <c>mkdir</c>): the launch claim, so a second launch of the
/// step only reports <c>claimed</c>;</item>
/// <item><c>i.out</c> and <c>i.err</c>, its output;</item>
/// <item><c>i.pid</c>, its session leader (also its process group), written before the script starts;</item>
/// <item><c>i.exit</c>, its shell's exit status, kept until every byte of its output is in the files;</item>
/// <item><c>i.rc</c>, its exit code, written by one <c>write</c> once the output files are complete, so a non-empty file means the step is over.</item>
/// </list>
/// The step's script runs in a subshell of the wrapper (<c>eval</c>, with no positional parameters), not a new shell.
/// Each process costs milliseconds to start, on every step, so the scripts start few. The live path (exec mode, the
/// launching exec follows) starts <c>setsid</c>, the wrapper shell and one <c>tee</c> per stream: the tees write the files and
/// the exec's stream at once, so output and the end arrive without polling a file. Following an adopted step reads
/// the files instead: a <c>tail</c> per stream while it runs, and one <c>wc</c> at the end.
/// </summary>
public static class StepScripts
{
    /// <summary>What a launch reports: the step was started now, or had been claimed before, or the pod lacks the steps volume.</summary>
    public const string Launched = "launched";
    public const string Claimed = "claimed";
    public const string NoVolume = "novolume";

    /// <summary>Launches step <paramref name="index"/> unless claimed, then prints the marker with what happened.</summary>
    public static string Launch(string stepsDirectory, int index, string script, StepMarker marker) =>
        Header(stepsDirectory, index, marker) + LaunchPart(script, live: false) + "printf '%s%s\\n' \"$m\" \"$L\"\n";

    /// <summary>
    /// Prints the step's output from the given byte offsets until it ends, then the marker on both streams:
    /// <c>{exit code | gone | unlaunched} {out size} {err size}</c> after following the files (<c>tail -f</c>), or
    /// <c>{exit code | gone} live</c> when this script launched the step and its tees streamed every byte since the start.
    /// With <paramref name="launchScript"/>, launches the step first unless it was claimed (exec mode: one exec launches and follows).
    /// </summary>
    public static string Follow(string stepsDirectory, int index, long stdoutOffset, long stderrOffset, StepMarker marker, string? launchScript = null)
    {
        var text = new StringBuilder(Header(stepsDirectory, index, marker));
        text.Append("end() { printf '%s%s %s %s\\n' \"$m\" \"$1\" \"$2\" \"$3\"; printf '%s%s %s %s\\n' \"$m\" \"$1\" \"$2\" \"$3\" >&2; exit 0; }\n");
        if (launchScript is not null)
        {
            text.Append(LaunchPart(launchScript, live: true)).Append("[ \"$L\" = " + NoVolume + " ] && end " + NoVolume + " 0 0\n");
            text.Append("if [ \"$L\" = " + Launched + " ]; then wait \"$w\"; if [ -s \"$d.rc\" ]; then read r <\"$d.rc\"; else r=gone; fi; end \"$r\" live; fi\n");
        }
        text.Append("[ -e \"$d.claim\" ] || end unlaunched 0 0\n");
        var from = $"-c +{(stdoutOffset + 1).ToString(CultureInfo.InvariantCulture)}";
        var fromErr = $"-c +{(stderrOffset + 1).ToString(CultureInfo.InvariantCulture)}";
        text.Append($$"""
            if [ -s "$d.rc" ]; then
              tail {{from}} "$d.out" 2>/dev/null; tail {{fromErr}} "$d.err" >&2 2>/dev/null
            else
              tail {{from}} -f "$d.out" 2>/dev/null & t1=$!
              tail {{fromErr}} -f "$d.err" >&2 2>/dev/null & t2=$!
              n=0
              while [ ! -s "$d.rc" ]; do
                p=; [ -e "$d.pid" ] && read p <"$d.pid"
                if [ -n "$p" ]; then
                  kill -0 "$p" 2>/dev/null || break
                  z=; { read -r _ _ z _ <"/proc/$p/stat"; } 2>/dev/null; [ "$z" = Z ] && break
                else
                  n=$((n+1)); [ "$n" -gt 25 ] && break
                fi
                sleep 0.2 2>/dev/null || sleep 1
              done
              kill "$t1" "$t2" 2>/dev/null; wait "$t1" "$t2" 2>/dev/null
            fi
            if [ -s "$d.rc" ]; then read r <"$d.rc"; elif [ -s "$d.pid" ]; then r=gone; else r=unlaunched; fi
            set -- $(wc -c "$d.out" "$d.err" 2>/dev/null)
            end "$r" "${1:-0}" "${3:-0}"

            """);
        return text.ToString();
    }

    /// <summary>Sends SIGTERM to the step's process group, if the step was launched and still runs; then the marker.</summary>
    public static string Signal(string stepsDirectory, int index, StepMarker marker) =>
        Header(stepsDirectory, index, marker)
        + "p=; [ -e \"$d.pid\" ] && read p <\"$d.pid\"; [ -n \"$p\" ] && kill -TERM \"-$p\" 2>/dev/null\n"
        + "printf '%ssignalled\\n' \"$m\"; printf '%ssignalled\\n' \"$m\" >&2\n";

    private static string Header(string stepsDirectory, int index, StepMarker marker) =>
        $"s={Quote(stepsDirectory)}; d=\"$s/{index.ToString(CultureInfo.InvariantCulture)}\"; m='{marker.Prefix}'\n";

    /// <summary>
    /// Sets <c>L</c> to what happened and, when it launched, <c>w</c> to the launched child to wait for. A
    /// <paramref name="live"/> launch leaves the step's tees writing to this shell's stdout and stderr as well as the files.
    /// </summary>
    private static string LaunchPart(string script, bool live)
    {
        // The wrapper runs in its own session, so the step survives the connection (and the shell) that launched it.
        var (wrapper, wrapperOutput) = live ? (LiveWrapper, "") : (QuietWrapper, " >/dev/null 2>&1");
        // printf, not ":": a failed redirection of a special built-in would end a non-interactive shell.
        return $$"""
            if [ ! -d "$s" ]; then L={{NoVolume}}
            else
              set -C; { printf '' >"$d.claim"; } 2>/dev/null && L={{Launched}} || L={{Claimed}}; set +C
              if [ "$L" = {{Launched}} ]; then
                : >"$d.out"; : >"$d.err"
                setsid /bin/sh -c '{{wrapper}}' sched-step "$d" {{Quote(script)}} "$m" </dev/null{{wrapperOutput}} &
                w=$!
              fi
            fi

            """;
    }

    /// <summary>Runs the step (<c>$2</c>) with its output appended to the files of <c>$1</c>, then writes its exit code.</summary>
    private const string QuietWrapper = "echo $$ >\"$1.pid\"; ( eval \"set --\n$2\" ) </dev/null >>\"$1.out\" 2>>\"$1.err\"; echo $? >\"$1.rc\"";

    /// <summary>
    /// As <see cref="QuietWrapper"/>, but a <c>tee</c> per stream copies the output to the files and to the wrapper's
    /// stdout or stderr. The tees ignore SIGPIPE: once the connection is gone they keep writing the files. The exit code
    /// waits in <c>i.exit</c> until both tees have ended (every process holding the step's output closed it), then becomes <c>i.rc</c>,
    /// and the wrapper prints the end marker (prefix <c>$3</c>) itself, which saves the launching shell's wake-up on every step.
    /// If the wrapper dies first, the launching shell prints the marker.
    /// </summary>
    private const string LiveWrapper =
        "echo $$ >\"$1.pid\"; "
        + "{ { ( eval \"set --\n$2\" ) </dev/null 2>&1 1>&3 3>&-; echo $? >\"$1.exit\"; } "
        + "| { trap \"\" PIPE; exec tee -a \"$1.err\" >&2 3>&-; }; } 3>&1 "
        + "| { trap \"\" PIPE; exec tee -a \"$1.out\"; }; "
        + "read r <\"$1.exit\" && echo \"$r\" >\"$1.rc\" && printf \"%s%s live\\n\" \"$3\" \"$r\" && printf \"%s%s live\\n\" \"$3\" \"$r\" >&2";

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
