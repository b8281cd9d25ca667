namespace Scheduler.Cli.Commands;

/// <summary>Reads a task spec file, reporting an unreadable file on the error writer.</summary>
internal static class SpecFile
{
    /// <summary>The file's text, or null (after writing why) when it cannot be read.</summary>
    public static async Task<string?> ReadAsync(FileInfo file, TextWriter error, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllTextAsync(file.FullName, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"sched: cannot read {file}: {e.Message}");
            return null;
        }
    }
}
