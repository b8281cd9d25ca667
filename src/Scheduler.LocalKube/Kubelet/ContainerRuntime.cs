using System.ComponentModel;
using System.Security.Cryptography;
using k8s.Models;

namespace Scheduler.LocalKube.Kubelet;

/// <summary>
/// One container of a pod: pulls (pretends to), resolves env, starts the main process (again, after a back-off, when
/// the pod's restartPolicy says so), keeps each run's log and live output, runs execs in its context and records its
/// state. Images named <c>unpullable/…</c> simulate a failed pull.
/// </summary>
public sealed class ContainerRuntime
{
    public const string UnpullablePrefix = "unpullable/";
    private static readonly TimeSpan MaxConfigRetryDelay = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PullBackOffDelay = TimeSpan.FromSeconds(1);

    private readonly PodRuntime _pod;
    private readonly TaskCompletionSource<int> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<ContainerProcess> _execs = [];
    private readonly string _marker;
    private ContainerProcess? _main;
    private ContainerState _state = new ContainerState.Waiting("ContainerCreating");
    private string? _containerId;
    private int _restartCount;
    private LastTermination? _last;
    private ContainerRun _run;
    private ContainerRun? _previousRun;

    public ContainerRuntime(PodRuntime pod, V1Container spec)
    {
        _pod = pod;
        Spec = spec;
        _marker = ContainerMarker.Value(pod.Spec, spec);
        _run = new ContainerRun(pod.Directory.LogFile(spec.Name, 0));
    }

    public V1Container Spec { get; }

    /// <summary>The latest run: the running one, or the one that ended last while the container waits or stays down.</summary>
    public ContainerRun CurrentRun
    {
        get { lock (_pod.Gate) return _run; }
    }

    /// <summary>The run before <see cref="CurrentRun"/> (<c>kubectl logs --previous</c>); null before the first restart.</summary>
    public ContainerRun? PreviousRun
    {
        get { lock (_pod.Gate) return _previousRun; }
    }

    /// <summary>True once a run was created (its log can be read, even while the container waits to restart).</summary>
    public bool HasRun
    {
        get { lock (_pod.Gate) return _containerId is not null; }
    }

    /// <summary>Completes when the container will not run again, with its last exit code (-1 when it never ran).</summary>
    public Task<int> Exited => _stopped.Task;

    /// <summary>The argv of the main process, after $(VAR) expansion.</summary>
    public IReadOnlyList<string> Command { get; private set; } = [];

    public string WorkingDirectory => _pod.Directory.WorkingDirectory(Spec);

    private Dictionary<string, string> Environment { get; set; } = [];

    public ContainerState State
    {
        get { lock (_pod.Gate) return _state; }
    }

    public bool IsRunning => State is ContainerState.Running;

    public ContainerSnapshot Snapshot() => new(Spec.Name, Spec.Image ?? "", _containerId, _state, _restartCount, _last);

    public async Task RunAsync(CancellationToken stopping)
    {
        var exitCode = -1;
        try
        {
            if (await PullAsync(stopping) && await ResolveEnvironmentAsync(stopping))
                exitCode = await RunWithRestartsAsync(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            CurrentRun.Complete(-1);
            _stopped.TrySetResult(exitCode);
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

    /// <summary>Runs the container until it stops for good; returns the last run's exit code (-1 when none ran).</summary>
    private async Task<int> RunWithRestartsAsync(CancellationToken stopping)
    {
        var backOff = new RestartBackOff(_pod.RestartBackOff);
        while (await RunOnceAsync(stopping) is { } exit)
        {
            if (stopping.IsCancellationRequested || !RestartPolicy.Restarts(_pod.Spec.Spec.RestartPolicy, exit.ExitCode))
                return Stay(exit);
            var delay = backOff.Next(exit.FinishedAt);
            lock (_pod.Gate)
            {
                _last = new LastTermination(exit, _containerId);
                _state = delay == TimeSpan.Zero
                    ? new ContainerState.Waiting("ContainerCreating")
                    : new ContainerState.Waiting("CrashLoopBackOff",
                        $"back-off {GoDuration.Format(delay)} restarting failed container={Spec.Name} pod={KubeletEvents.PodText(_pod.Spec)}");
            }
            if (delay > TimeSpan.Zero)
            {
                _pod.Events.BackOff(Spec);
                _pod.Publish();
                try
                {
                    await Task.Delay(delay, stopping);
                }
                catch (OperationCanceledException)
                {
                    return Stay(exit);
                }
            }
            lock (_pod.Gate)
            {
                _restartCount++;
                _previousRun = _run;
                _run = new ContainerRun(_pod.Directory.LogFile(Spec.Name, _restartCount));
            }
        }
        return -1;
    }

    /// <summary>The container is down for good after <paramref name="exit"/>.</summary>
    private int Stay(ContainerState.Terminated exit)
    {
        SetState(exit);
        return exit.ExitCode;
    }

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

    /// <summary>One run of the main process; returns how it ended, or null when the container stopped before it started.</summary>
    private async Task<ContainerState.Terminated?> RunOnceAsync(CancellationToken stopping)
    {
        var argv = (Spec.Command ?? []).Concat(Spec.Args ?? []).Select(a => EnvExpansion.Expand(a, Environment.GetValueOrDefault)).ToList();
        Command = argv;
        ContainerProcess main;
        ContainerRun run;
        lock (_pod.Gate)
        {
            if (stopping.IsCancellationRequested)
                return null;
            run = _run;
            _containerId = "containerd://" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            _pod.Events.Created(Spec);
            var (process, error) = argv.Count == 0
                ? (null, "no command specified: LocalKube runs no image entrypoint, so the container needs command or args")
                : Launch(argv);
            if (process is null)
            {
                var message = $"failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: {error}: unknown";
                _pod.Events.StartFailed(Spec, message);
                run.Complete(128);
                return new ContainerState.Terminated(128, "StartError", message, null, DateTime.UtcNow);
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
            run.Log.Append(stream, data.Span);
            run.Output.Publish(stream, data);
            return ValueTask.CompletedTask;
        });
        var exitCode = await main.WaitForExitAsync();
        // The container's "PID namespace" ends with its main process: nothing it or an exec started outlives it,
        // and a detached process holding the output pipes must not keep the pump (and the container) going.
        Signal(ProcessGroup.SigKill);
        main.Signal(ProcessGroup.SigKill);
        await ContainerReaper.KillAllAsync(_marker);
        await pump;
        run.Complete(exitCode);
        lock (_pod.Gate)
            _main = null;
        main.Dispose();
        return ContainerState.Exited(exitCode, startedAt, DateTime.UtcNow);
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
