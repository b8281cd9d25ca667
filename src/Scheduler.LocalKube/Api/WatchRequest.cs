using Microsoft.AspNetCore.Http;
using Scheduler.LocalKube.Selectors;

namespace Scheduler.LocalKube.Api;

/// <summary>The query parameters of a list or watch: selectors, resourceVersion, timeout, bookmarks.</summary>
internal sealed record ListQuery(
    LabelSelector Labels,
    FieldSelector Fields,
    string? ResourceVersion,
    TimeSpan? Timeout,
    bool AllowBookmarks,
    bool? SendInitialEvents)
{
    public static ListQuery From(IQueryCollection query, IReadOnlyCollection<string> supportedFields)
    {
        try
        {
            TimeSpan? timeout = null;
            if (query["timeoutSeconds"].FirstOrDefault() is { Length: > 0 } t)
                timeout = long.TryParse(t, out var seconds) && seconds >= 0
                    ? TimeSpan.FromSeconds(seconds)
                    : throw StatusException.BadRequest($"invalid timeoutSeconds \"{t}\"");
            bool? sendInitial = query["sendInitialEvents"].FirstOrDefault() is { Length: > 0 } s ? IsTrue(s) : null;
            return new ListQuery(
                LabelSelector.Parse(query["labelSelector"].FirstOrDefault()),
                FieldSelector.Parse(query["fieldSelector"].FirstOrDefault(), supportedFields),
                query["resourceVersion"].FirstOrDefault(),
                timeout,
                IsTrue(query["allowWatchBookmarks"].FirstOrDefault()),
                sendInitial);
        }
        catch (SelectorParseException e)
        {
            throw StatusException.BadRequest(e.Message);
        }
    }

    public static bool IsTrue(string? value) => value is "true" or "1" or "True";
}
