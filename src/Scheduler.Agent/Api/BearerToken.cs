namespace Scheduler.Agent.Api;

/// <summary>Reads the token of an <c>Authorization: Bearer &lt;token&gt;</c> header.</summary>
public static class BearerToken
{
    /// <summary>The token, or null when the header is missing or not a well-formed bearer credential.</summary>
    public static string? Parse(string? authorizationHeader)
    {
        if (authorizationHeader is null) return null;
        var parts = authorizationHeader.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is [var scheme, var token] && scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
            ? token
            : null;
    }
}
