using k8s;
using k8s.Models;

namespace Scheduler.LocalKube.Resources;

/// <summary>Describes one core/v1 resource the server stores: names, scope, (de)serialization and selectable fields.</summary>
internal sealed class ResourceKind
{
    private readonly Func<string, IKubernetesObject<V1ObjectMeta>> _fromJson;
    private readonly Func<string, IKubernetesObject<V1ObjectMeta>> _fromYaml;
    private readonly Func<IKubernetesObject<V1ObjectMeta>, IReadOnlyDictionary<string, string>> _fields;

    private ResourceKind(
        string plural, string singular, string kind, bool namespaced, string[] shortNames,
        Func<string, IKubernetesObject<V1ObjectMeta>> fromJson,
        Func<string, IKubernetesObject<V1ObjectMeta>> fromYaml,
        Func<IKubernetesObject<V1ObjectMeta>, IReadOnlyDictionary<string, string>> fields)
    {
        Plural = plural;
        Singular = singular;
        Kind = kind;
        Namespaced = namespaced;
        ShortNames = shortNames;
        _fromJson = fromJson;
        _fromYaml = fromYaml;
        _fields = fields;
    }

    public string Plural { get; }
    public string Singular { get; }
    public string Kind { get; }
    public string ListKind => Kind + "List";
    public bool Namespaced { get; }
    public string[] ShortNames { get; }

    public static ResourceKind Create<T>(
        string plural, string kind, bool namespaced, string[] shortNames,
        Func<T, IReadOnlyDictionary<string, string>> fields)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new(plural, kind.ToLowerInvariant(), kind, namespaced, shortNames,
            json => KubernetesJson.Deserialize<T>(json) ?? throw new FormatException("empty object"),
            yaml => KubernetesYaml.Deserialize<T>(yaml) ?? throw new FormatException("empty object"),
            o => fields((T)o));

    public IKubernetesObject<V1ObjectMeta> FromJson(string json) => Stamp(_fromJson(json));

    public IKubernetesObject<V1ObjectMeta> FromYaml(string yaml) => Stamp(_fromYaml(yaml));

    /// <summary>A deep copy, so stored snapshots are never shared with code that mutates.</summary>
    public IKubernetesObject<V1ObjectMeta> Clone(IKubernetesObject<V1ObjectMeta> obj) => _fromJson(KubernetesJson.Serialize(obj));

    /// <summary>Values of the fields a fieldSelector may use for this kind.</summary>
    public IReadOnlyDictionary<string, string> Fields(IKubernetesObject<V1ObjectMeta> obj) => _fields(obj);

    /// <summary>Sets apiVersion and kind, and empty metadata when there was none.</summary>
    public IKubernetesObject<V1ObjectMeta> Stamp(IKubernetesObject<V1ObjectMeta> obj)
    {
        obj.ApiVersion = "v1";
        obj.Kind = Kind;
        obj.Metadata ??= new V1ObjectMeta();
        return obj;
    }
}
