using System.Runtime.InteropServices;
using RadLine;
using Spectre.Console;

namespace Scheduler.Cli.Pbm;

/// <summary>
/// <c>sched pbm HOST:PORT</c> without a command: reads commands until <c>exit</c> (or end of input) and runs each
/// one against the console. On a terminal it edits lines with RadLine (history with the arrow keys, Tab completes
/// palettes, commands and options); with redirected input it reads plain lines. Ctrl-C ends a running command
/// (<c>cluster tail</c>, <c>scheduler logs -f</c>), and the REPL only when no command runs.
/// </summary>
public sealed class PbmRepl(ConsoleClient client, TextWriter output, TextWriter error)
{
    private CancellationTokenSource? _running;

    public async Task<int> RunAsync(CancellationToken ended)
    {
        using var repl = CancellationTokenSource.CreateLinkedTokenSource(ended);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal =>
        {
            signal.Cancel = true;
            (_running ?? repl).Cancel();
        });
        try
        {
            return await ReadAndRunAsync(repl.Token);
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
    }

    private async Task<int> ReadAndRunAsync(CancellationToken ct)
    {
        var palettes = await client.PalettesAsync(ct);
        if (palettes.Count == 0)
        {
            await error.WriteLineAsync($"sched pbm: the console at {client.Endpoint} refused: access denied (give its token with {Commands.TokenOptions.Sources})");
            return 2;
        }
        var editor = !Console.IsInputRedirected && LineEditor.IsSupported(AnsiConsole.Console)
            ? new LineEditor { Prompt = new LineEditorPrompt($"pbm {Markup.Escape(client.Endpoint)}>"), Completion = new PaletteCompletion(palettes) }
            : null;
        await output.WriteLineAsync($"connected to {client.Endpoint}: {palettes.Count} palettes. help lists them, Tab completes, exit leaves.");

        while (!ct.IsCancellationRequested)
        {
            var line = editor is null ? await ReadPlainLineAsync(ct) : await editor.ReadLine(ct);
            if (line is null)
                return 0;
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
                continue;
            editor?.History.Add(line);
            if (words is ["exit"] or ["quit"])
                return 0;
            await RunOneAsync(words, ct);
        }
        return 0;
    }

    private async Task<string?> ReadPlainLineAsync(CancellationToken ct)
    {
        await output.WriteAsync($"pbm {client.Endpoint}> ");
        await output.FlushAsync(ct);
        return await Console.In.ReadLineAsync(ct);
    }

    private async Task RunOneAsync(string[] words, CancellationToken replEnds)
    {
        using var command = CancellationTokenSource.CreateLinkedTokenSource(replEnds);
        _running = command;
        try
        {
            var exitCode = await client.RunAsync(words, output, error, command.Token);
            if (exitCode != 0)
                await error.WriteLineAsync($"(exit {exitCode})");
        }
        catch (OperationCanceledException) when (!replEnds.IsCancellationRequested)
        {
            await output.WriteLineAsync("(interrupted)");
        }
        catch (ConsoleUnreachableException e)
        {
            await error.WriteLineAsync(e.Message);
        }
        finally
        {
            _running = null;
        }
    }
}
