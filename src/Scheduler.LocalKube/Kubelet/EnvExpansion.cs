using System.Text;

namespace Scheduler.LocalKube.Kubelet;

/// <summary>Kubernetes' <c>$(VAR)</c> expansion in env values, command and args: <c>$$</c> escapes, unknown references stay.</summary>
public static class EnvExpansion
{
    public static string Expand(string input, Func<string, string?> lookup)
    {
        if (!input.Contains('$'))
            return input;
        var output = new StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] != '$' || i + 1 >= input.Length)
            {
                output.Append(input[i]);
                continue;
            }
            var next = input[i + 1];
            if (next == '$')
            {
                output.Append('$');
                i++;
                continue;
            }
            var close = next == '(' ? input.IndexOf(')', i + 2) : -1;
            if (close < 0)
            {
                output.Append('$');
                continue;
            }
            var name = input[(i + 2)..close];
            output.Append(lookup(name) ?? input[i..(close + 1)]);
            i = close;
        }
        return output.ToString();
    }
}
