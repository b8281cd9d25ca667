using System.Text;
using Scheduler.Domain.Tasks;

namespace Scheduler.Agent.Tests.Support;

/// <summary>
/// A one-step task that counts each run of its step in <c>runs</c>, a file outside the pods (one line with the job's
/// id per run), prints 1 to 3, waits until <see cref="ReleaseAsync"/>, then prints 4 to 6: evidence of re-runs and
/// lost or repeated bytes that the agent did not write itself. The gate is polled twice a second: a hundred waiting
/// pods polling faster fork enough <c>sleep</c>s to starve a 2-core machine.
/// </summary>
public sealed class GatedSteps : IDisposable
{
    public const string BeforeGate = "1\n2\n3\n";
    public const string Log = "1\n2\n3\n4\n5\n6\n";

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("gated-steps-").FullName;

    public string Yaml(string resourceClass) => $$"""
        resource_class: {{resourceClass}}
        environment:
          EFFECTS: {{Directory}}
        steps:
          - name: gated
            run: |
              echo "$SCHEDULER_JOB_ID" >> "$EFFECTS/runs"
              seq 1 3
              while [ ! -e "$EFFECTS/release" ]; do sleep 0.5; done
              seq 4 6
        """;

    public TaskSpec Spec(string resourceClass)
    {
        var parsed = TaskSpecParser.Parse(Yaml(resourceClass));
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        return parsed.Spec;
    }

    public Task ReleaseAsync() => File.WriteAllTextAsync(Path.Combine(Directory, "release"), "");

    /// <summary>The job ids of the step runs so far, one per run.</summary>
    public async Task<string[]> RunsAsync()
    {
        var file = Path.Combine(Directory, "runs");
        return File.Exists(file) ? await File.ReadAllLinesAsync(file) : [];
    }

    /// <summary>A job's whole stored log, read from <paramref name="replica"/>'s log store by offset.</summary>
    public static async Task<string> StoredLogAsync(AgentHost replica, string jobId)
    {
        var bytes = new MemoryStream();
        while (await replica.Logs.ReadAsync(jobId, bytes.Length, int.MaxValue) is { Count: > 0 } chunks)
        {
            foreach (var chunk in chunks)
                bytes.Write(chunk.Data.Span);
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
