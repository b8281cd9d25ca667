using System.Text;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using Scheduler.LocalKube.Hosting;
using Scheduler.LocalKube.Resources;

namespace Scheduler.LocalKube.Api;

/// <summary>Writes API objects, lists and Status bodies as JSON.</summary>
internal static class ResponseWriter
{
    public const string Json = "application/json";

    public static Task WriteJsonAsync(HttpContext context, int code, string json)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = Json;
        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    public static Task WriteObjectAsync(HttpContext context, int code, object obj) =>
        WriteJsonAsync(context, code, KubernetesJson.Serialize(obj));

    public static Task WriteStatusAsync(HttpContext context, StatusException error)
    {
        RequestLog.Remember(context, error);
        if (context.Response.HasStarted) return Task.CompletedTask;
        return WriteJsonAsync(context, error.Code, error.ToJson());
    }

    public static Task WriteSuccessAsync(HttpContext context, ResourceKind kind, IKubernetesObject<V1ObjectMeta> deleted) =>
        WriteJsonAsync(context, 200, StatusJson.Serialize(new V1Status
        {
            ApiVersion = "v1",
            Kind = "Status",
            Metadata = new V1ListMeta(),
            Status = "Success",
            Details = new V1StatusDetails { Name = deleted.Metadata.Name, Kind = kind.Plural, Uid = deleted.Metadata.Uid },
        }));

    public static string ListJson(ResourceKind kind, IEnumerable<IKubernetesObject<V1ObjectMeta>> items, long version)
    {
        var builder = new StringBuilder();
        builder.Append($"{{\"kind\":\"{kind.ListKind}\",\"apiVersion\":\"v1\",\"metadata\":{{\"resourceVersion\":\"{version}\"}},\"items\":[");
        var first = true;
        foreach (var item in items)
        {
            if (!first) builder.Append(',');
            builder.Append(KubernetesJson.Serialize(item));
            first = false;
        }
        return builder.Append("]}").ToString();
    }
}
