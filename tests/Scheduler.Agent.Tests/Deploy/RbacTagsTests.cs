using k8s.Models;

namespace Scheduler.Agent.Tests.Deploy;

/// <summary>
/// One source of truth for RBAC: the <c>// kubeAPI:</c> tags on the Kubernetes calls in <c>src/</c> (see
/// <see cref="KubeApiTags"/>) must match the calls, and the base's rendered Role and ClusterRole must grant exactly the
/// rules they add up to: a missing verb, and an extra one, both fail.
/// </summary>
public sealed class RbacTagsTests
{
    [Fact]
    public void Every_Kubernetes_call_in_src_carries_the_tag_its_method_needs()
    {
        var scan = KubeApiTags.ScanFiles(KubeApiTags.SourceFiles());

        Assert.True(scan.Problems.Count == 0, string.Join(Environment.NewLine, scan.Problems));
        Assert.Contains(new KubeApiTags.Rule(true, "", "pods/exec", "create"), scan.Rules);
        Assert.Contains(new KubeApiTags.Rule(false, "", "nodes", "watch"), scan.Rules);
    }

    [Fact]
    public async Task The_rendered_Role_and_ClusterRole_grant_exactly_what_the_tags_require()
    {
        var required = KubeApiTags.ScanFiles(KubeApiTags.SourceFiles()).Rules.ToHashSet();
        var objects = await Kustomize.RenderAsync(Kustomize.BaseDirectory);
        var serviceAccount = objects.OfType<V1StatefulSet>().Single().Spec.Template.Spec.ServiceAccountName;

        var roles = objects.OfType<V1RoleBinding>().Where(b => BindsTo(b.Subjects, serviceAccount))
            .Select(b => objects.OfType<V1Role>().Single(r => r.Metadata.Name == b.RoleRef.Name && b.RoleRef.Kind == "Role"));
        var clusterRoles = objects.OfType<V1ClusterRoleBinding>().Where(b => BindsTo(b.Subjects, serviceAccount))
            .Select(b => objects.OfType<V1ClusterRole>().Single(r => r.Metadata.Name == b.RoleRef.Name));
        var granted = roles.SelectMany(r => Flatten(r.Rules, namespaced: true))
            .Concat(clusterRoles.SelectMany(r => Flatten(r.Rules, namespaced: false)))
            .ToHashSet();

        var missing = required.Except(granted).Select(Describe).Order().ToList();
        var extra = granted.Except(required).Select(Describe).Order().ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"missing from the manifests: [{string.Join("; ", missing)}]; granted but no tagged call needs it: [{string.Join("; ", extra)}]");
    }

    [Fact]
    public void The_scan_reports_an_untagged_call_a_wrong_tag_a_shared_tag_an_orphan_tag_and_an_untyped_client()
    {
        const string source = """
            var a = await client.CoreV1.ListNamespacedSecretAsync(ns);
            // kubeAPI: pods, get
            var b = await client.CoreV1.ReadNamespacedPodLogAsync(name, ns);
            // kubeAPI: pods, delete
            await client.CoreV1.DeleteNamespacedPodAsync(name, ns);
            await client.CoreV1.DeleteNamespacedPodAsync(other, ns);
            // kubeAPI: nodes list
            // kubeAPI: secrets, get



            var generic = new GenericClient(client, "", "v1", "pods");
            """;

        var scan = KubeApiTags.ScanSource("Sample.cs", source);

        Assert.Equal(
        [
            "Sample.cs:7: malformed tag, expected `// kubeAPI: resource, verb[, verb…]` on its own line: // kubeAPI: nodes list",
            "Sample.cs:1: ListNamespacedSecretAsync: no `// kubeAPI: secrets, list` tag in the 3 lines above",
            "Sample.cs:3: ReadNamespacedPodLogAsync: tagged `pods, get` but needs `pods/log, get`",
            "Sample.cs:6: DeleteNamespacedPodAsync: shares the tag on line 4 with another call; give each call its own",
            "Sample.cs:12: GenericClient: an untyped call whose RBAC cannot be derived; use the typed API",
            "Sample.cs:8: kubeAPI tag with no Kubernetes call in the 3 lines below",
        ], scan.Problems);
        Assert.Equal(4, scan.Calls);
    }

    private static bool BindsTo(IList<Rbacv1Subject> subjects, string serviceAccount) =>
        subjects.Any(s => s.Kind == "ServiceAccount" && s.Name == serviceAccount && s.NamespaceProperty == "scheduler");

    private static IEnumerable<KubeApiTags.Rule> Flatten(IEnumerable<V1PolicyRule> rules, bool namespaced) =>
        from rule in rules
        from apiGroup in rule.ApiGroups
        from resource in rule.Resources
        from verb in rule.Verbs
        select new KubeApiTags.Rule(namespaced, apiGroup, resource, verb);

    private static string Describe(KubeApiTags.Rule rule) =>
        $"{(rule.Namespaced ? "Role" : "ClusterRole")} {(rule.ApiGroup == "" ? "core" : rule.ApiGroup)} {rule.Resource} {rule.Verb}";
}
