using System.Text;
using k8s.Models;

namespace Scheduler.Domain.Pods;

/// <summary>
/// Builds the Opaque Secret that carries a job attempt's task secrets (one key per variable), labelled like
/// its pod. Created before the pod, then made owned by it with <see cref="SecretOwnership"/>.
/// </summary>
public static class SecretBuilder
{
    public static V1Secret Build(JobPodRequest request, IReadOnlyDictionary<string, string> values)
    {
        var name = request.SecretName ?? throw new ArgumentException("the request has no secret name", nameof(request));
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Type = "Opaque",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = request.Namespace,
                Labels = new Dictionary<string, string>(JobLabels.For(request)),
                Annotations = new Dictionary<string, string>(JobLabels.Annotations(request)),
            },
            Data = values.ToDictionary(v => v.Key, v => Encoding.UTF8.GetBytes(v.Value)),
        };
    }
}
