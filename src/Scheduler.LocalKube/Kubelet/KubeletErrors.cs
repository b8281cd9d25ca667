using Microsoft.AspNetCore.Http;
using Scheduler.LocalKube.Api;

namespace Scheduler.LocalKube.Kubelet;

/// <summary>Answers a kubelet request with a Status error, as the API server does.</summary>
public static class KubeletErrors
{
    public static Task BadRequest(HttpContext context, string message) => Write(context, 400, "BadRequest", message);

    public static Task NotFound(HttpContext context, string message) => Write(context, 404, "NotFound", message);

    public static Task Write(HttpContext context, int code, string reason, string message)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(new StatusException(code, reason, message).ToJson());
    }
}
