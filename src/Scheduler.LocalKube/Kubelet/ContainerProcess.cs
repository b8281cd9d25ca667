using System.Diagnostics;

namespace Scheduler.LocalKube.Kubelet;

/// <summary>
/// One running process (a container's main process or an exec) in its own session and process group.
/// Owns the <see cref="Process"/> and its pipes; dispose it after exit.
/// </summary>
public sealed class ContainerProcess : IDisposable
{
    private static readonly string SetsidPath = File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : "setsid";
    private readonly Process _process;
    private readonly SemaphoreSlim _stdinGate = new(1, 1);
    private bool _stdinClosed;

    private ContainerProcess(Process process)
    {
        _process = process;
        Pid = process.Id;
    }

    /// <summary>The pid, which is also the process group id.</summary>
    public int Pid { get; }

    /// <summary>Starts the process; throws <see cref="System.ComponentModel.Win32Exception"/> when it cannot.</summary>
    public static ContainerProcess Start(ProcessSpec spec)
    {
        var info = new ProcessStartInfo(SetsidPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = spec.WorkingDirectory,
        };
        info.ArgumentList.Add(spec.Executable);
        foreach (var argument in spec.Arguments)
            info.ArgumentList.Add(argument);
        info.Environment.Clear();
        foreach (var (key, value) in spec.Environment)
            info.Environment[key] = value;
        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }
        return new ContainerProcess(process);
    }

    /// <summary>Copies stdout and stderr, as they arrive, to <paramref name="sink"/> until both pipes close.
    /// The sink must copy the data before it returns: the buffer is reused.</summary>
    public Task PumpOutputAsync(Func<string, ReadOnlyMemory<byte>, ValueTask> sink) => Task.WhenAll(
        PumpAsync(_process.StandardOutput.BaseStream, "stdout", sink),
        PumpAsync(_process.StandardError.BaseStream, "stderr", sink));

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Signals the process group while its leader runs. Once the leader has been reaped its pid may be reused, so a
    /// group or pid signal could reach an unrelated process; what is left of the container is reached through its
    /// marked processes (<see cref="ContainerReaper"/>) instead.
    /// </summary>
    public void Signal(int signal)
    {
        if (!_process.HasExited)
            ProcessGroup.Signal(Pid, signal);
    }

    /// <summary>
    /// Writes to stdin; data after the process closed its stdin, exited or was disposed is dropped, as a pipe would.
    /// Never throws for a gone process: an attach's receive loop calls this and must not end because of it.
    /// </summary>
    public async Task WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken cancellation)
    {
        await _stdinGate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            if (_stdinClosed)
                return;
            var stdin = _process.StandardInput.BaseStream;
            await stdin.WriteAsync(data, cancellation).ConfigureAwait(false);
            await stdin.FlushAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
        finally
        {
            _stdinGate.Release();
        }
    }

    public async Task CloseStdinAsync()
    {
        await _stdinGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_stdinClosed)
                return;
            _stdinClosed = true;
            try
            {
                _process.StandardInput.Close();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
            }
        }
        finally
        {
            _stdinGate.Release();
        }
    }

    /// <summary>
    /// Disposes the process and its pipes. The stdin gate is deliberately not disposed: a stdin write that is still in
    /// flight when the process exits must be able to release it (a disposed gate made that write throw, which ended
    /// the attach session's receive loop and with it the delivery of the container's last output and exit status).
    /// </summary>
    public void Dispose() => _process.Dispose();

    private static async Task PumpAsync(Stream source, string stream, Func<string, ReadOnlyMemory<byte>, ValueTask> sink)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await source.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            await sink(stream, buffer.AsMemory(0, read)).ConfigureAwait(false);
    }
}
