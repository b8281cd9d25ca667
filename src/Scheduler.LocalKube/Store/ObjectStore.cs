using k8s;
using k8s.Models;
using Scheduler.LocalKube.Api;
using Scheduler.LocalKube.Resources;

namespace Scheduler.LocalKube.Store;

/// <summary>
/// The in-memory etcd: every object by kind, namespace and name, a cluster-wide resourceVersion,
/// a bounded history of changes for watch resume, and live watch subscriptions.
/// Stored objects are immutable snapshots; readers that mutate get clones.
/// </summary>
internal sealed class ObjectStore
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private readonly object _gate = new();
    private readonly Dictionary<string, IKubernetesObject<V1ObjectMeta>> _objects = new();
    private readonly Queue<StoreChange> _history = new();
    private readonly List<WatchSubscription> _subscriptions = new();
    private readonly int _historySize;
    private long _version;
    private long _compactedVersion;

    public ObjectStore(int historySize)
    {
        _historySize = Math.Max(1, historySize);
    }

    /// <summary>Raised after each committed change, outside the store lock.</summary>
    public event Action<StoreChange>? Changed;

    public long Version
    {
        get { lock (_gate) return _version; }
    }

    /// <summary>The stored snapshot (do not mutate) or null.</summary>
    public IKubernetesObject<V1ObjectMeta>? Find(ResourceKind kind, string? ns, string name)
    {
        lock (_gate) return _objects.GetValueOrDefault(Key(kind, ns, name));
    }

    /// <summary>A mutable copy of the stored object or null.</summary>
    public T? Get<T>(ResourceKind kind, string? ns, string name) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var found = Find(kind, ns, name);
        return found is null ? null : (T)kind.Clone(found);
    }

    /// <summary>Snapshots (do not mutate) of one kind, optionally in one namespace, ordered by namespace and name, with the store version.</summary>
    public (IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Items, long Version) List(ResourceKind kind, string? ns = null)
    {
        lock (_gate)
        {
            var prefix = ns is null ? kind.Plural + "/" : Key(kind, ns, "");
            var items = _objects
                .Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => pair.Value)
                .ToList();
            return (items, _version);
        }
    }

    public IReadOnlyList<T> List<T>(ResourceKind kind, string? ns = null) where T : class, IKubernetesObject<V1ObjectMeta> =>
        List(kind, ns).Items.Cast<T>().ToList();

    /// <summary>Stores a new object: assigns uid, creationTimestamp, resourceVersion and a generated name.</summary>
    public IKubernetesObject<V1ObjectMeta> Create(ResourceKind kind, IKubernetesObject<V1ObjectMeta> obj, bool dryRun = false)
    {
        StoreChange change;
        lock (_gate)
        {
            var meta = obj.Metadata;
            if (string.IsNullOrEmpty(meta.Name) && !string.IsNullOrEmpty(meta.GenerateName))
            {
                do meta.Name = meta.GenerateName + RandomSuffix();
                while (_objects.ContainsKey(Key(kind, meta.NamespaceProperty, meta.Name)));
            }
            var key = Key(kind, meta.NamespaceProperty, meta.Name);
            if (_objects.ContainsKey(key)) throw StatusException.AlreadyExists(kind.Plural, meta.Name);

            meta.Uid = Guid.NewGuid().ToString();
            meta.CreationTimestamp = TruncateToSeconds(DateTime.UtcNow);
            meta.DeletionTimestamp = null;
            meta.DeletionGracePeriodSeconds = null;
            if (dryRun) return obj;

            meta.ResourceVersion = (++_version).ToString();
            _objects[key] = obj;
            change = Commit(new StoreChange(WatchEventType.Added, kind, obj, null, _version));
        }
        Changed?.Invoke(change);
        return obj;
    }

    /// <summary>
    /// Replaces an existing object. A non-empty resourceVersion on <paramref name="obj"/> that differs from the
    /// stored one is a 409 Conflict. Identity fields (uid, creationTimestamp, deletion state) are kept.
    /// </summary>
    public IKubernetesObject<V1ObjectMeta> Replace(ResourceKind kind, IKubernetesObject<V1ObjectMeta> obj, bool dryRun = false)
    {
        StoreChange change;
        lock (_gate)
        {
            var meta = obj.Metadata;
            var key = Key(kind, meta.NamespaceProperty, meta.Name);
            if (!_objects.TryGetValue(key, out var current)) throw StatusException.NotFound(kind.Plural, meta.Name);
            if (!string.IsNullOrEmpty(meta.ResourceVersion) && meta.ResourceVersion != current.Metadata.ResourceVersion)
                throw StatusException.Conflict(kind.Plural, meta.Name,
                    "the object has been modified; please apply your changes to the latest version and try again");
            if (!string.IsNullOrEmpty(meta.Uid) && meta.Uid != current.Metadata.Uid)
                throw StatusException.Conflict(kind.Plural, meta.Name, $"Precondition failed: UID in precondition: {meta.Uid}, UID in object meta: {current.Metadata.Uid}");

            meta.Uid = current.Metadata.Uid;
            meta.CreationTimestamp = current.Metadata.CreationTimestamp;
            meta.DeletionTimestamp = current.Metadata.DeletionTimestamp;
            meta.DeletionGracePeriodSeconds = current.Metadata.DeletionGracePeriodSeconds;
            meta.GenerateName ??= current.Metadata.GenerateName;
            if (dryRun)
            {
                meta.ResourceVersion = current.Metadata.ResourceVersion;
                return obj;
            }

            meta.ResourceVersion = (++_version).ToString();
            _objects[key] = obj;
            change = Commit(new StoreChange(WatchEventType.Modified, kind, obj, SelectableState.Of(kind, current), _version));
        }
        Changed?.Invoke(change);
        return obj;
    }

    /// <summary>
    /// Applies <paramref name="mutate"/> to a copy of the stored object and stores it when it returns true.
    /// Returns the stored result, or null when the object does not exist.
    /// </summary>
    public T? Update<T>(ResourceKind kind, string? ns, string name, Func<T, bool> mutate) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        StoreChange change;
        lock (_gate)
        {
            var key = Key(kind, ns, name);
            if (!_objects.TryGetValue(key, out var current)) return null;
            var copy = (T)kind.Clone(current);
            if (!mutate(copy)) return (T)current;
            copy.Metadata.ResourceVersion = (++_version).ToString();
            _objects[key] = copy;
            change = Commit(new StoreChange(WatchEventType.Modified, kind, copy, SelectableState.Of(kind, current), _version));
        }
        Changed?.Invoke(change);
        return (T)change.Object;
    }

    /// <summary>
    /// Removes the object for good (only if its uid is <paramref name="uid"/>, when given); returns its final state
    /// (carrying the deletion's resourceVersion) or null.
    /// </summary>
    public IKubernetesObject<V1ObjectMeta>? Remove(ResourceKind kind, string? ns, string name, string? uid = null)
    {
        StoreChange change;
        lock (_gate)
        {
            var key = Key(kind, ns, name);
            if (!_objects.TryGetValue(key, out var current) || (uid is not null && current.Metadata.Uid != uid)) return null;
            _objects.Remove(key);
            var final = kind.Clone(current);
            final.Metadata.ResourceVersion = (++_version).ToString();
            change = Commit(new StoreChange(WatchEventType.Deleted, kind, final, SelectableState.Of(kind, current), _version));
        }
        Changed?.Invoke(change);
        return change.Object;
    }

    /// <summary>
    /// Opens a watch on one kind (and namespace). With no <paramref name="fromVersion"/> the backlog is an ADDED per
    /// current object; otherwise it is every kept change after that version, or 410 Expired when those were dropped.
    /// </summary>
    public WatchSubscription Watch(ResourceKind kind, string? ns, long? fromVersion)
    {
        bool InScope(StoreChange c) => c.Kind == kind && (ns is null || c.Object.Metadata.NamespaceProperty == ns);

        lock (_gate)
        {
            var subscription = new WatchSubscription(InScope, Unsubscribe);
            if (fromVersion is null)
            {
                foreach (var obj in List(kind, ns).Items)
                    subscription.Offer(new StoreChange(WatchEventType.Added, kind, obj, null, _version));
            }
            else
            {
                if (fromVersion < _compactedVersion)
                    throw StatusException.Expired($"too old resource version: {fromVersion} ({_compactedVersion + 1})");
                foreach (var change in _history.Where(c => c.Version > fromVersion))
                    subscription.Offer(change);
            }
            subscription.StartVersion = _version;
            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    private void Unsubscribe(WatchSubscription subscription)
    {
        lock (_gate) _subscriptions.Remove(subscription);
    }

    private StoreChange Commit(StoreChange change)
    {
        _history.Enqueue(change);
        while (_history.Count > _historySize) _compactedVersion = _history.Dequeue().Version;
        foreach (var subscription in _subscriptions) subscription.Offer(change);
        return change;
    }

    private static string Key(ResourceKind kind, string? ns, string name) =>
        kind.Namespaced ? $"{kind.Plural}/{ns}/{name}" : $"{kind.Plural}//{name}";

    private static string RandomSuffix() =>
        new(Enumerable.Range(0, 5).Select(_ => GenerateNameAlphabet[Random.Shared.Next(GenerateNameAlphabet.Length)]).ToArray());

    private static DateTime TruncateToSeconds(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
