using System.Globalization;
using System.Text;

namespace Scheduler.Kube.Steps.Detached;

/// <summary>
/// The POSIX <c>sh</c> scripts that run a step detached from the agent's connection (busybox and alpine suffice:
/// <c>setsid</c>, <c>tail</c>, <c>wc</c>, and <c>base64 -d</c> for attach mode). Step <c>i</c> owns these files in the
/// pod's steps volume:
/// <list type="bullet">
/// <item><c>i.claim</c>, created exclusively (<c>set -C</c>: an O_EXCL open, atomic like <c>mkdir</c>): the launch claim, so a second launch of the
/// step only reports <c>claimed</c>;</item>
/// <item><c>i.out</c> and <c>i.err</c>, its output;</item>
/// <item><c>i.pid</c>, its session leader (also its process group), written before the script starts;</item>
/// <item><c>i.rc</c>, its exit code, written by one <c>write</c> when it ends, so a non-empty file is complete.</item>
/// </list>
/// Each process costs milliseconds to start, on every step, so the scripts start few: the wrapper, the step's shell,
/// a <c>tail</c> per stream while following live, and one <c>wc</c> at the end.
/// </summary>
public static class StepScripts
{
    /// <summary>What a launch reports: the step was started now, or had been claimed before, or the pod lacks the steps volume.</summary>
    public const string Launched = "launched";
    public const string Claimed = "claimed";
    public const string NoVolume = "novolume";

    /// <summary>Launches step <paramref name="index"/> unless claimed, then prints the marker with what happened.</summary>
    public static string Launch(string stepsDirectory, int index, string script, StepMarker marker) =>
        Header(stepsDirectory, index, marker) + LaunchPart(script) + "printf '%s%s\\n' \"$m\" \"$L\"\n";

    /// <summary>
    /// Prints the step's output from the given byte offsets until it ends (live, through <c>tail -f</c>), then the marker
    /// <c>{exit code | gone | unlaunched} {out size} {err size}</c> on both streams. With <paramref name="launchScript"/>,
    /// launches the step first (exec mode: one exec launches and follows).
    /// </summary>
    public static string Follow(string stepsDirectory, int index, long stdoutOffset, long stderrOffset, StepMarker marker, string? launchScript = null)
    {
        var text = new StringBuilder(Header(stepsDirectory, index, marker));
        text.Append("end() { printf '%s%s %s %s\\n' \"$m\" \"$1\" \"$2\" \"$3\"; printf '%s%s %s %s\\n' \"$m\" \"$1\" \"$2\" \"$3\" >&2; exit 0; }\n");
        text.Append("w=\n");
        if (launchScript is not null)
            text.Append(LaunchPart(launchScript)).Append("[ \"$L\" = " + NoVolume + " ] && end " + NoVolume + " 0 0\n");
        text.Append("[ -e \"$d.claim\" ] || end unlaunched 0 0\n");
        var from = $"-c +{(stdoutOffset + 1).ToString(CultureInfo.InvariantCulture)}";
        var fromErr = $"-c +{(stderrOffset + 1).ToString(CultureInfo.InvariantCulture)}";
        text.Append($$"""
            if [ -s "$d.rc" ]; then
              tail {{from}} "$d.out" 2>/dev/null; tail {{fromErr}} "$d.err" >&2 2>/dev/null
            else
              tail {{from}} -f "$d.out" 2>/dev/null & t1=$!
              tail {{fromErr}} -f "$d.err" >&2 2>/dev/null & t2=$!
              [ -n "$w" ] && wait "$w" 2>/dev/null
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

    /// <summary>Sets <c>L</c> to what happened and, when it launched, <c>w</c> to the launched child to wait for.</summary>
    private static string LaunchPart(string script)
    {
        // The wrapper runs in its own session, so the step survives the connection (and the shell) that launched it.
        const string wrapper = "echo $$ >\"$1.pid\"; /bin/sh -c \"$2\" </dev/null >>\"$1.out\" 2>>\"$1.err\"; echo $? >\"$1.rc\"";
        // printf, not ":": a failed redirection of a special built-in would end a non-interactive shell.
        return $$"""
            if [ ! -d "$s" ]; then L={{NoVolume}}
            else
              set -C; { printf '' >"$d.claim"; } 2>/dev/null && L={{Launched}} || L={{Claimed}}; set +C
              if [ "$L" = {{Launched}} ]; then
                : >"$d.out"; : >"$d.err"
                setsid /bin/sh -c '{{wrapper}}' sched-step "$d" {{Quote(script)}} </dev/null >/dev/null 2>&1 &
                w=$!
              fi
            fi

            """;
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
