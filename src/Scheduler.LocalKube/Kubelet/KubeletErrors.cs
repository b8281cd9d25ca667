using Microsoft.AspNetCore.Http;
using Scheduler.LocalKube.Api;
using Scheduler.LocalKube.Hosting;

namespace Scheduler.LocalKube.Kubelet;

/// <summary>Answers a kubelet request with a Status error, as the API server does.</summary>
public static class KubeletErrors
{
    public static Task BadRequest(HttpContext context, string message) => Write(context, 400, "BadRequest", message);

    public static Task NotFound(HttpContext context, string message) => Write(context, 404, "NotFound", message);

    public static Task Write(HttpContext context, int code, string reason, string message)
    {
        var status = new StatusException(code, reason, message);
        RequestLog.Remember(context, status);
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(status.ToJson());
    }
}
