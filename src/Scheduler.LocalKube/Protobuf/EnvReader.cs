using k8s.Models;

namespace Scheduler.LocalKube.Protobuf;

/// <summary>core/v1 EnvVar (value or valueFrom field, resource, secret or configmap key) and EnvFromSource.</summary>
internal static class EnvReader
{
    public static V1EnvVar Variable(ProtoReader r)
    {
        var variable = new V1EnvVar();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: variable.Name = r.Text(); break;
                case 2: variable.Value = r.Text(); break;
                case 3: variable.ValueFrom = r.Message(ValueFrom); break;
                default: r.Skip(); break;
            }
        }
        return variable;
    }

    public static V1EnvFromSource Source(ProtoReader r)
    {
        var source = new V1EnvFromSource();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: source.Prefix = r.Text(); break;
                case 2:
                    var (configMap, configMapOptional) = r.Message(NamedSource);
                    source.ConfigMapRef = new V1ConfigMapEnvSource { Name = configMap, Optional = configMapOptional };
                    break;
                case 3:
                    var (secret, secretOptional) = r.Message(NamedSource);
                    source.SecretRef = new V1SecretEnvSource { Name = secret, Optional = secretOptional };
                    break;
                default: r.Skip(); break;
            }
        }
        return source;
    }

    private static V1EnvVarSource ValueFrom(ProtoReader r)
    {
        var source = new V1EnvVarSource();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: source.FieldRef = r.Message(FieldRef); break;
                case 2: source.ResourceFieldRef = r.Message(ResourceFieldRef); break;
                case 3:
                    var (configMap, configMapKey, configMapOptional) = r.Message(KeySelector);
                    source.ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = configMap, Key = configMapKey, Optional = configMapOptional };
                    break;
                case 4:
                    var (secret, secretKey, secretOptional) = r.Message(KeySelector);
                    source.SecretKeyRef = new V1SecretKeySelector { Name = secret, Key = secretKey, Optional = secretOptional };
                    break;
                default: r.Skip(); break;
            }
        }
        return source;
    }

    /// <summary>ConfigMapKeySelector and SecretKeySelector share their layout: reference, key, optional.</summary>
    private static (string? Name, string? Key, bool? Optional) KeySelector(ProtoReader r)
    {
        (string? Name, string? Key, bool? Optional) selector = default;
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: selector.Name = r.ReferenceName(); break;
                case 2: selector.Key = r.Text(); break;
                case 3: selector.Optional = r.Bool(); break;
                default: r.Skip(); break;
            }
        }
        return selector;
    }

    /// <summary>ConfigMapEnvSource and SecretEnvSource share their layout: reference, optional.</summary>
    private static (string? Name, bool? Optional) NamedSource(ProtoReader r)
    {
        (string? Name, bool? Optional) source = default;
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: source.Name = r.ReferenceName(); break;
                case 2: source.Optional = r.Bool(); break;
                default: r.Skip(); break;
            }
        }
        return source;
    }

    private static V1ObjectFieldSelector FieldRef(ProtoReader r)
    {
        var selector = new V1ObjectFieldSelector();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: selector.ApiVersion = r.Text(); break;
                case 2: selector.FieldPath = r.Text(); break;
                default: r.Skip(); break;
            }
        }
        return selector;
    }

    private static V1ResourceFieldSelector ResourceFieldRef(ProtoReader r)
    {
        var selector = new V1ResourceFieldSelector();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: selector.ContainerName = r.Text(); break;
                case 2: selector.Resource = r.Text(); break;
                case 3: selector.Divisor = r.Quantity(); break;
                default: r.Skip(); break;
            }
        }
        return selector;
    }
}
