using System.ComponentModel;
using System.Security.Cryptography;
using k8s.Models;
using Scheduler.LocalKube.Kubelet.Logs;

namespace Scheduler.LocalKube.Kubelet;

/// <summary>
/// One container of a pod: pulls (pretends to), resolves env, starts the main process, keeps its log and live output,
/// runs execs in its context and records its state. Images named <c>unpullable/…</c> simulate a failed pull.
/// </summary>
public sealed class ContainerRuntime
{
    public const string UnpullablePrefix = "unpullable/";
    private static readonly TimeSpan MaxConfigRetryDelay = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PullBackOffDelay = TimeSpan.FromSeconds(1);

    private readonly PodRuntime _pod;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<ContainerProcess> _execs = [];
    private readonly string _marker;
    private ContainerProcess? _main;
    private ContainerState _state = new ContainerState.Waiting("ContainerCreating");
    private string? _containerId;

    public ContainerRuntime(PodRuntime pod, V1Container spec)
    {
        _pod = pod;
        Spec = spec;
        _marker = ContainerMarker.Value(pod.Spec, spec);
        Log = new ContainerLog(pod.Directory.LogFile(spec.Name));
    }

    public V1Container Spec { get; }

    public ContainerLog Log { get; }

    public OutputBroadcast Output { get; } = new();

    /// <summary>The main process's exit code; -1 when it never ran.</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>The argv of the main process, after $(VAR) expansion.</summary>
    public IReadOnlyList<string> Command { get; private set; } = [];

    public string WorkingDirectory => _pod.Directory.WorkingDirectory(Spec);

    private Dictionary<string, string> Environment { get; set; } = [];

    public ContainerState State
    {
        get { lock (_pod.Gate) return _state; }
    }

    public bool IsRunning => State is ContainerState.Running;

    public ContainerSnapshot Snapshot() => new(Spec.Name, Spec.Image ?? "", _containerId, _state);

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            if (await PullAsync(stopping) && await ResolveEnvironmentAsync(stopping))
                await RunMainAsync(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            Log.Complete();
            _exited.TrySetResult(-1);
            Output.Complete();
        }
    }

    /// <summary>Signals the main process group, every running exec's group and every other process of the container.</summary>
    public void Signal(int signal)
    {
        lock (_pod.Gate)
        {
            if (_main is { HasExited: false } main)
                main.Signal(signal);
            foreach (var exec in _execs)
                exec.Signal(signal);
        }
        ContainerReaper.Signal(_marker, signal);
    }

    /// <summary>Starts a process in this container's context (cwd, env, own process group); returns the runtime's error when it cannot.</summary>
    public (ContainerProcess? Process, string? Error) StartExec(IReadOnlyList<string> command)
    {
        lock (_pod.Gate)
        {
            // Once the main process exited, the container is ending even while its state still says Running.
            if (_state is not ContainerState.Running || _main is not { HasExited: false })
                return (null, $"container {Spec.Name} is not running");
            var (process, error) = Launch(command);
            if (process is not null)
                _execs.Add(process);
            return (process, error);
        }
    }

    /// <summary>
    /// Called when an exec's process exited: forgets it. What it left running stays, as in a real container, until
    /// the container stops (killing its group here raced with a child that was about to detach with setsid).
    /// </summary>
    public void EndExec(ContainerProcess process)
    {
        lock (_pod.Gate)
            _execs.Remove(process);
    }

    public Task WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken cancellation)
    {
        var main = MainIfRunning();
        return main is null ? Task.CompletedTask : main.WriteStdinAsync(data, cancellation);
    }

    public Task CloseStdinAsync() => MainIfRunning()?.CloseStdinAsync() ?? Task.CompletedTask;

    private ContainerProcess? MainIfRunning()
    {
        lock (_pod.Gate)
            return _state is ContainerState.Running ? _main : null;
    }

    private async Task<bool> PullAsync(CancellationToken stopping)
    {
        var image = Spec.Image ?? "";
        if (!image.StartsWith(UnpullablePrefix, StringComparison.Ordinal))
        {
            _pod.Events.Pulled(Spec);
            return true;
        }
        var error = $"rpc error: code = NotFound desc = failed to pull and unpack image \"{image}\": not found (LocalKube cannot pull images named {UnpullablePrefix}*)";
        _pod.Events.Pulling(Spec);
        _pod.Events.PullFailed(Spec, error);
        SetState(new ContainerState.Waiting("ErrImagePull", error));
        await Task.Delay(PullBackOffDelay, stopping);
        _pod.Events.PullBackOff(Spec);
        SetState(new ContainerState.Waiting("ImagePullBackOff", $"Back-off pulling image \"{image}\": ErrImagePull: {error}"));
        return false;
    }

    private async Task<bool> ResolveEnvironmentAsync(CancellationToken stopping)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            var (environment, error) = ContainerEnvironment.Build(
                _pod.Spec, Spec, _pod.Directory.Home(Spec), _pod.Cluster.GetSecret);
            if (environment is not null)
            {
                Environment = environment;
                return true;
            }
            _pod.Events.ConfigError(Spec, error!);
            SetState(new ContainerState.Waiting("CreateContainerConfigError", error));
            await Task.Delay(delay, stopping);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxConfigRetryDelay.Ticks));
        }
    }

    private async Task RunMainAsync(CancellationToken stopping)
    {
        var argv = (Spec.Command ?? []).Concat(Spec.Args ?? []).Select(a => EnvExpansion.Expand(a, Environment.GetValueOrDefault)).ToList();
        Command = argv;
        ContainerProcess main;
        lock (_pod.Gate)
        {
            if (stopping.IsCancellationRequested)
                return;
            _containerId = "containerd://" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            _pod.Events.Created(Spec);
            var (process, error) = argv.Count == 0
                ? (null, "no command specified: LocalKube runs no image entrypoint, so the container needs command or args")
                : Launch(argv);
            if (process is null)
            {
                var message = $"failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: {error}: unknown";
                _pod.Events.StartFailed(Spec, message);
                var now = DateTime.UtcNow;
                _state = new ContainerState.Terminated(128, "StartError", message, null, now);
                _exited.TrySetResult(128);
                _pod.Publish();
                return;
            }
            main = _main = process;
            if (Spec.Stdin != true)
                _ = main.CloseStdinAsync();
            _state = new ContainerState.Running(DateTime.UtcNow);
        }
        var startedAt = ((ContainerState.Running)State).StartedAt;
        _pod.Events.Started(Spec);
        _pod.Publish();

        var pump = main.PumpOutputAsync((stream, data) =>
        {
            Log.Append(stream, data.Span);
            Output.Publish(stream, data);
            return ValueTask.CompletedTask;
        });
        var exitCode = await main.WaitForExitAsync();
        // The container's "PID namespace" ends with its main process: nothing it or an exec started outlives it,
        // and a detached process holding the output pipes must not keep the pump (and the container) going.
        Signal(ProcessGroup.SigKill);
        main.Signal(ProcessGroup.SigKill);
        await ContainerReaper.KillAllAsync(_marker);
        await pump;
        Log.Complete();
        _exited.TrySetResult(exitCode);
        Output.Complete();
        lock (_pod.Gate)
        {
            _state = ContainerState.Exited(exitCode, startedAt, DateTime.UtcNow);
            _main = null;
        }
        main.Dispose();
        _pod.Publish();
    }

    private (ContainerProcess? Process, string? Error) Launch(IReadOnlyList<string> argv)
    {
        var cwd = WorkingDirectory;
        var (path, error) = ExecutableResolver.Resolve(argv[0], Environment.GetValueOrDefault("PATH"), cwd);
        if (path is null)
            return (null, error);
        try
        {
            var environment = new Dictionary<string, string>(Environment) { [ContainerMarker.Variable] = _marker };
            return (ContainerProcess.Start(new ProcessSpec(path, argv.Skip(1).ToList(), cwd, environment)), null);
        }
        catch (Win32Exception e)
        {
            return (null, $"exec: \"{argv[0]}\": {e.Message}");
        }
    }

    private void SetState(ContainerState state)
    {
        lock (_pod.Gate)
            _state = state;
        _pod.Publish();
    }
}
