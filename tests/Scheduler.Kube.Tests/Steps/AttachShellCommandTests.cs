using System.Diagnostics;
using System.Text;
using Scheduler.Kube.Steps.Attach;

namespace Scheduler.Kube.Tests.Steps;

/// <summary>Feeds the framing to a real local <c>/bin/sh</c> reading stdin, as the attached container shell would.</summary>
public sealed class AttachShellCommandTests : IDisposable
{
    private readonly Process _shell = Process.Start(new ProcessStartInfo("/bin/sh")
    {
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    })!;

    private int _sequence;

    public void Dispose()
    {
        if (!_shell.HasExited) _shell.Kill(entireProcessTree: true);
        _shell.Dispose();
    }

    private async Task<(string Stdout, string Stderr, int ExitCode)> RunAsync(string script)
    {
        var marker = new StepMarker(StepMarker.NewNonce(), ++_sequence);
        await _shell.StandardInput.WriteAsync(AttachShellCommand.For(script, marker));
        await _shell.StandardInput.FlushAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var stdout = ReadUntilMarkerAsync(_shell.StandardOutput.BaseStream, marker, timeout.Token);
        var stderr = ReadUntilMarkerAsync(_shell.StandardError.BaseStream, marker, timeout.Token);
        var (outText, outCode) = await stdout;
        var (errText, errCode) = await stderr;
        Assert.Equal(outCode, errCode);
        return (outText, errText, outCode);
    }

    private static async Task<(string Text, int ExitCode)> ReadUntilMarkerAsync(Stream stream, StepMarker marker, CancellationToken ct)
    {
        var scanner = new MarkerScanner(marker.PrefixBytes);
        var output = new MemoryStream();
        var buffer = new byte[1];
        while (!scanner.Completed)
        {
            // One byte at a time: the scanner must also cope with the marker split into the smallest pieces.
            if (await stream.ReadAsync(buffer, ct) == 0) throw new EndOfStreamException();
            output.Write(scanner.Feed(buffer));
        }
        return (Encoding.UTF8.GetString(output.ToArray()), scanner.ExitCode!.Value);
    }

    [Fact]
    public async Task Output_and_exit_code_come_back_and_exit_does_not_kill_the_shell()
    {
        Assert.Equal(("hi\n", "oops\n", 3), await RunAsync("echo hi; echo oops >&2; exit 3"));
        Assert.Equal(("still here\n", "", 0), await RunAsync("echo still here"));
    }

    [Fact]
    public async Task Quotes_newlines_heredocs_and_unicode_survive()
    {
        const string script = """
            printf '%s\n' "double \"quoted\"" 'single '"'"'quoted'"'"''
            cat <<'EOF'
            heredoc $HOME `x` ü
            EOF
            printf 'no trailing newline'
            """;
        var (stdout, _, code) = await RunAsync(script);
        Assert.Equal(0, code);
        Assert.Equal("double \"quoted\"\nsingle 'quoted'\nheredoc $HOME `x` ü\nno trailing newline", stdout);
    }

    [Fact]
    public async Task A_step_cannot_read_the_shells_stdin_or_change_its_state()
    {
        Assert.Equal(("", "", 0), await RunAsync("read line; cd /; export LEAK=1"));
        var (stdout, _, _) = await RunAsync("echo \"[$LEAK]\"");
        Assert.Equal("[]\n", stdout);
    }
}
