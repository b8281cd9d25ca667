using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Scheduler.Domain.Tasks;

/// <summary>
/// Measures how deeply a YAML text nests, from the parser's event stream (which uses no recursion). YamlDotNet's
/// representation model builds nodes recursively, so a body of a few hundred thousand <c>[</c> would overflow the
/// stack and end the process; the spec parser checks the depth first.
/// </summary>
internal static class YamlNesting
{
    /// <summary>Deeper than any spec needs (a step's fields are three levels down).</summary>
    public const int MaxDepth = 32;

    /// <summary>True when no sequence or mapping in <paramref name="text"/> nests deeper than <see cref="MaxDepth"/>; malformed YAML is left to the loader.</summary>
    public static bool IsWithinLimit(string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case SequenceStart or MappingStart when ++depth > MaxDepth:
                    return false;
                case SequenceEnd or MappingEnd:
                    depth--;
                    break;
            }
        }
        return true;
    }
}
