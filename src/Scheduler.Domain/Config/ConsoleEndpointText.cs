using System.Globalization;

namespace Scheduler.Domain.Config;

/// <summary>Parses the <c>HOST:PORT</c> form of a console endpoint (<c>[::1]:9110</c> for IPv6).</summary>
public static class ConsoleEndpointText
{
    public static bool TryParse(string text, out string host, out int port)
    {
        host = "";
        port = 0;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
            return false;
        host = text[..colon].Trim('[', ']');
        return host.Length > 0;
    }
}
