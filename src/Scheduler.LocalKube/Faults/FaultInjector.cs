using Scheduler.LocalKube.Kubelet;

namespace Scheduler.LocalKube.Faults;

/// <summary>
/// Deterministic (seeded) fault injection for chaos tests: failing requests, latency, closed watches,
/// held scheduling, cut exec/attach streams and killed containers.
/// </summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly Random _random;
    private readonly List<FaultRule> _rules = new();
    private readonly List<LatencyRule> _latencies = new();
    private readonly Dictionary<FaultRule, int> _remaining = new(ReferenceEqualityComparer.Instance);
    private CancellationTokenSource _watchesCut = new();
    private bool _holdPending;
    private IKubelet? _kubelet;

    internal FaultInjector(int? seed)
    {
        _random = seed is { } s ? new Random(s) : new Random();
    }

    /// <summary>Raised when scheduling is released again, so held pods get bound.</summary>
    internal event Action? HoldPendingReleased;

    /// <summary>True while the scheduler must leave pending pods alone.</summary>
    public bool HoldingPending
    {
        get { lock (_gate) return _holdPending; }
    }

    /// <summary>Token that fires when <see cref="CloseWatches"/> is called; open watch streams end with it.</summary>
    internal CancellationToken WatchesClosed
    {
        get { lock (_gate) return _watchesCut.Token; }
    }

    internal void AttachKubelet(IKubelet kubelet) => _kubelet = kubelet;

    /// <summary>Adds a request-failure rule.</summary>
    public FaultRule Add(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
            if (rule.Count is { } count) _remaining[rule] = count;
        }
        return rule;
    }

    /// <summary>Fails the next <paramref name="count"/> matching requests.</summary>
    public FaultRule FailNext(int count, FaultKind kind = FaultKind.InternalError, string verb = "*", string resource = "*", int retryAfterSeconds = 1) =>
        Add(new FaultRule(kind, verb, resource, count, null, retryAfterSeconds));

    /// <summary>How many more requests a <see cref="FailNext"/> rule will fail (0 once it is used up).</summary>
    public int RemainingOf(FaultRule rule)
    {
        lock (_gate) return _remaining.GetValueOrDefault(rule);
    }

    /// <summary>Fails each matching request with probability <paramref name="fraction"/> until cleared.</summary>
    public FaultRule FailFraction(double fraction, FaultKind kind = FaultKind.InternalError, string verb = "*", string resource = "*", int retryAfterSeconds = 1) =>
        Add(new FaultRule(kind, verb, resource, null, fraction, retryAfterSeconds));

    /// <summary>Delays every matching request by <paramref name="delay"/>.</summary>
    public void AddLatency(TimeSpan delay, string verb = "*", string resource = "*")
    {
        lock (_gate) _latencies.Add(new LatencyRule(delay, verb, resource));
    }

    /// <summary>Ends every open watch stream (cleanly, as an apiserver restart would).</summary>
    public void CloseWatches()
    {
        CancellationTokenSource old;
        lock (_gate)
        {
            old = _watchesCut;
            _watchesCut = new CancellationTokenSource();
        }
        old.Cancel();
        old.Dispose();
    }

    /// <summary>Keeps new pods Pending (the scheduler pauses) until <paramref name="hold"/> is false or faults are cleared.</summary>
    public void HoldPending(bool hold = true)
    {
        lock (_gate) _holdPending = hold;
        if (!hold) HoldPendingReleased?.Invoke();
    }

    /// <summary>Cuts the next <paramref name="count"/> exec/attach streams after <paramref name="afterBytes"/> output bytes.</summary>
    public void CutStreams(int count, int afterBytes = 0) => RequireKubelet().CutNextStreams(count, afterBytes);

    /// <summary>Kills a container's main process (SIGKILL); false when no such running container.</summary>
    public bool KillContainer(string ns, string pod, string? container = null) => RequireKubelet().KillContainer(ns, pod, container);

    /// <summary>Removes every rule and latency and releases held pods.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            _remaining.Clear();
            _latencies.Clear();
        }
        HoldPending(false);
    }

    /// <summary>Total latency to add to a request.</summary>
    internal TimeSpan LatencyFor(string verb, string resource)
    {
        lock (_gate)
        {
            var total = TimeSpan.Zero;
            foreach (var rule in _latencies)
                if (Matches(rule.Verb, rule.Resource, verb, resource)) total += rule.Delay;
            return total;
        }
    }

    /// <summary>The rule that fails this request, consuming one of its counts; null when the request passes.</summary>
    internal FaultRule? Decide(string verb, string resource)
    {
        lock (_gate)
        {
            foreach (var rule in _rules.ToArray())
            {
                if (!Matches(rule.Verb, rule.Resource, verb, resource)) continue;
                if (rule.Fraction is { } fraction && _random.NextDouble() >= fraction) continue;
                if (_remaining.TryGetValue(rule, out var left))
                {
                    if (left <= 1)
                    {
                        _remaining.Remove(rule);
                        _rules.Remove(rule);
                    }
                    else
                    {
                        _remaining[rule] = left - 1;
                    }
                }
                return rule;
            }
            return null;
        }
    }

    private static bool Matches(string ruleVerb, string ruleResource, string verb, string resource) =>
        (ruleVerb == "*" || string.Equals(ruleVerb, verb, StringComparison.OrdinalIgnoreCase)) &&
        (ruleResource == "*" || string.Equals(ruleResource, resource, StringComparison.OrdinalIgnoreCase));

    private IKubelet RequireKubelet() => _kubelet ?? throw new InvalidOperationException("LocalKube has not started its kubelet.");

    private sealed record LatencyRule(TimeSpan Delay, string Verb, string Resource);
}
