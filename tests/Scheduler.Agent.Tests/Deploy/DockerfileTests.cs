using System.Diagnostics;

namespace Scheduler.Agent.Tests.Deploy;

/// <summary>
/// The Dockerfile without Docker (the machine has no engine): its build stage's <c>COPY</c>s are staged from the
/// checkout into a fresh directory, as the build context would be (minus what <c>.dockerignore</c> leaves out: bin/,
/// obj/), and its <c>dotnet publish</c> runs there, with only <c>-o</c> pointed at a temp directory. A file the build
/// needs but the Dockerfile does not copy fails the publish.
/// </summary>
public sealed class DockerfileTests : IDisposable
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(20); // a hang guard: 3 min alone, 7.5 min on a loaded 2-core machine
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("dockerfile-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Every_copied_path_exists_and_the_publish_succeeds_on_exactly_those_files()
    {
        var instructions = Instructions(await File.ReadAllTextAsync(RepoRoot.Combine("Dockerfile")));
        var buildStage = instructions.TakeWhile((line, i) => i == 0 || !line.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        var context = Path.Combine(_work.FullName, "context");
        Directory.CreateDirectory(context);

        var copies = buildStage.Where(line => line.StartsWith("COPY ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(copies);
        foreach (var copy in copies)
        {
            var words = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
            var destination = Path.Combine(context, words[^1]);
            foreach (var source in words[..^1])
            {
                var path = RepoRoot.Combine(source.TrimEnd('/'));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"the Dockerfile copies {source}, which does not exist");
                Stage(path, Directory.Exists(path) ? destination : Path.Combine(destination, Path.GetFileName(path)));
            }
        }

        var publish = buildStage.Single(line => line.StartsWith("RUN dotnet publish ", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[2..];
        var output = Path.Combine(_work.FullName, "app");
        publish[Array.IndexOf(publish, "-o") + 1] = output;
        var (exitCode, log) = await DotnetAsync(context, publish);

        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', publish)} exited with {exitCode}:\n{log}");
        var entrypoint = instructions.Single(line => line.StartsWith("ENTRYPOINT ", StringComparison.Ordinal));
        Assert.Equal("ENTRYPOINT [\"/app/sched\"]", entrypoint);
        Assert.True(File.Exists(Path.Combine(output, "sched")) && File.Exists(Path.Combine(output, "sched.dll")), "the app host and sched.dll are published");
        Assert.Contains("USER 1654:1654", instructions);
    }

    /// <summary>Instruction lines, with continuations joined and comments dropped.</summary>
    private static List<string> Instructions(string dockerfile) =>
        dockerfile.Replace("\\\n", " ").Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();

    private static void Stage(string source, string target)
    {
        if (File.Exists(source))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
            return;
        }
        Directory.CreateDirectory(target);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
            if (entry.Name is not ("bin" or "obj"))
                Stage(entry.FullName, Path.Combine(target, entry.Name));
    }

    private static async Task<(int ExitCode, string Log)> DotnetAsync(string workingDirectory, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        // No MSBuild nodes or compiler server left running after the test.
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["UseSharedCompilation"] = "false";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish did not finish within {PublishTimeout}: {await stdout}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
