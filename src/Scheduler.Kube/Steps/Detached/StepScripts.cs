using System.Globalization;
using System.Text;

namespace Scheduler.Kube.Steps.Detached;

/// <summary>
/// The POSIX <c>sh</c> scripts that run a step detached from the agent's connection (busybox and alpine suffice:
/// <c>mkdir</c>, <c>setsid</c>, <c>base64 -d</c>, <c>tail</c>, <c>wc</c>). A step owns the directory
/// <c>{steps}/{index}</c> in the pod's steps volume:
/// <list type="bullet">
/// <item><c>mkdir</c> of it is the launch claim, so a second launch of the step only reports <c>claimed</c>;</item>
/// <item><c>script</c> is the step's script; <c>out</c> and <c>err</c> its output;</item>
/// <item><c>pid</c> the step's session leader (also its process group), written before the script starts;</item>
/// <item><c>rc</c> its exit code, written under a temporary name and renamed, so it is read whole or not at all.</item>
/// </list>
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
        text.Append("[ -d \"$d\" ] || end unlaunched 0 0\n");
        var from = $"-c +{(stdoutOffset + 1).ToString(CultureInfo.InvariantCulture)}";
        var fromErr = $"-c +{(stderrOffset + 1).ToString(CultureInfo.InvariantCulture)}";
        text.Append($$"""
            if [ -e "$d/rc" ]; then
              tail {{from}} "$d/out" 2>/dev/null; tail {{fromErr}} "$d/err" >&2 2>/dev/null
            else
              tail {{from}} -f "$d/out" 2>/dev/null & t1=$!
              tail {{fromErr}} -f "$d/err" >&2 2>/dev/null & t2=$!
              [ -n "$w" ] && wait "$w" 2>/dev/null
              n=0
              while [ ! -e "$d/rc" ]; do
                if [ -e "$d/pid" ]; then
                  read p <"$d/pid"; kill -0 "$p" 2>/dev/null || break
                  z=; { read -r _ _ z _ <"/proc/$p/stat"; } 2>/dev/null; [ "$z" = Z ] && break
                else
                  n=$((n+1)); [ "$n" -gt 25 ] && break
                fi
                sleep 0.2 2>/dev/null || sleep 1
              done
              kill "$t1" "$t2" 2>/dev/null; wait "$t1" "$t2" 2>/dev/null
            fi
            if [ -e "$d/rc" ]; then read r <"$d/rc"; elif [ -e "$d/pid" ]; then r=gone; else r=unlaunched; fi
            end "$r" $(wc -c 2>/dev/null <"$d/out" || echo 0) $(wc -c 2>/dev/null <"$d/err" || echo 0)

            """);
        return text.ToString();
    }

    /// <summary>Sends SIGTERM to the step's process group, if the step was launched and still runs; then the marker.</summary>
    public static string Signal(string stepsDirectory, int index, StepMarker marker) =>
        Header(stepsDirectory, index, marker)
        + "[ -e \"$d/pid\" ] && read p <\"$d/pid\" && kill -TERM \"-$p\" 2>/dev/null\n"
        + "printf '%ssignalled\\n' \"$m\"; printf '%ssignalled\\n' \"$m\" >&2\n";

    private static string Header(string stepsDirectory, int index, StepMarker marker) =>
        $"s={Quote(stepsDirectory)}; d=\"$s/{index.ToString(CultureInfo.InvariantCulture)}\"; m='{marker.Prefix}'\n";

    /// <summary>Sets <c>L</c> to what happened and, when it launched, <c>w</c> to the launched child to wait for.</summary>
    private static string LaunchPart(string script)
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(script));
        // The wrapper runs in its own session, so the step survives the connection (and the shell) that launched it.
        const string wrapper =
            "echo $$ >\"$1/pid.tmp\" && mv \"$1/pid.tmp\" \"$1/pid\"; " +
            "/bin/sh -c \"$(cat \"$1/script\")\" </dev/null >>\"$1/out\" 2>>\"$1/err\"; " +
            "echo $? >\"$1/rc.tmp\" && mv \"$1/rc.tmp\" \"$1/rc\"";
        return $"""
            if [ ! -d "$s" ]; then L={NoVolume}
            elif mkdir "$d" 2>/dev/null; then
              : >"$d/out"; : >"$d/err"
              printf '%s' '{encoded}' | base64 -d >"$d/script"
              setsid /bin/sh -c '{wrapper}' sched-step "$d" </dev/null >/dev/null 2>&1 &
              w=$!; L={Launched}
            else L={Claimed}; fi

            """;
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
