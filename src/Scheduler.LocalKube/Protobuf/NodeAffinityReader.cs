using k8s.Models;

namespace Scheduler.LocalKube.Protobuf;

/// <summary>core/v1 Affinity with its node affinity (required and preferred terms); pod (anti-)affinity is not decoded.</summary>
internal static class NodeAffinityReader
{
    public static V1Affinity Affinity(ProtoReader r)
    {
        var affinity = new V1Affinity();
        while (r.Next())
        {
            if (r.Field == 1) affinity.NodeAffinity = r.Message(NodeAffinity);
            else r.Skip();
        }
        return affinity;
    }

    private static V1NodeAffinity NodeAffinity(ProtoReader r)
    {
        var nodeAffinity = new V1NodeAffinity();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: nodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution = r.Message(NodeSelector); break;
                case 2: (nodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution ??= []).Add(r.Message(PreferredTerm)); break;
                default: r.Skip(); break;
            }
        }
        return nodeAffinity;
    }

    private static V1NodeSelector NodeSelector(ProtoReader r)
    {
        var selector = new V1NodeSelector { NodeSelectorTerms = [] };
        while (r.Next())
        {
            if (r.Field == 1) selector.NodeSelectorTerms.Add(r.Message(Term));
            else r.Skip();
        }
        return selector;
    }

    private static V1PreferredSchedulingTerm PreferredTerm(ProtoReader r)
    {
        var preferred = new V1PreferredSchedulingTerm();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: preferred.Weight = r.Int32(); break;
                case 2: preferred.Preference = r.Message(Term); break;
                default: r.Skip(); break;
            }
        }
        return preferred;
    }

    private static V1NodeSelectorTerm Term(ProtoReader r)
    {
        var term = new V1NodeSelectorTerm();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: (term.MatchExpressions ??= []).Add(r.Message(Requirement)); break;
                case 2: (term.MatchFields ??= []).Add(r.Message(Requirement)); break;
                default: r.Skip(); break;
            }
        }
        return term;
    }

    private static V1NodeSelectorRequirement Requirement(ProtoReader r)
    {
        var requirement = new V1NodeSelectorRequirement();
        while (r.Next())
        {
            switch (r.Field)
            {
                case 1: requirement.Key = r.Text(); break;
                case 2: requirement.OperatorProperty = r.Text(); break;
                case 3: (requirement.Values ??= []).Add(r.String()); break;
                default: r.Skip(); break;
            }
        }
        return requirement;
    }
}
