using System.Net;
using k8s.Autorest;

namespace Scheduler.Kube.Gateway;

internal static class HttpOperationExceptionExtensions
{
    public static bool Is(this HttpOperationException exception, HttpStatusCode status) => exception.Response.StatusCode == status;
}
