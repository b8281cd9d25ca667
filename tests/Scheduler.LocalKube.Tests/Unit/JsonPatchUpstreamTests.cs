using System.Text.Json.Nodes;
using Scheduler.LocalKube.Patching;
using Xunit;

namespace Scheduler.LocalKube.Tests.Unit;

/// <summary>
/// JSON patch as the Kubernetes API server applies it: gopkg.in/evanphx/json-patch.v4 (v4.12.0, patch.go), whose
/// defaults the apiserver keeps (negative indices on). Each case names what the upstream function does.
/// </summary>
public class JsonPatchUpstreamTests
{
    private static JsonNode Json(string text) => JsonNode.Parse(text.Replace('\'', '"'))!;

    private static JsonNode Apply(string document, string patch) => JsonPatch.Apply(Json(document), Json(patch).AsArray());

    private static void AssertApplies(string expected, string document, string patch)
    {
        var actual = Apply(document, patch);
        Assert.True(JsonNode.DeepEquals(Json(expected), actual), actual.ToJsonString());
    }

    private static string AssertRejected(string document, string patch) =>
        Assert.Throws<InvalidOperationException>(() => Apply(document, patch)).Message;

    // Patch.replace: findObject finds "spec"; partialDoc.get returns (nil, nil) for a missing key, so the
    // "missing key" check passes and partialDoc.set adds it. This is the patch kubectl's and KubernetesClient's cordon send.
    [Fact]
    public void Replace_of_a_missing_key_in_an_existing_object_sets_it() =>
        AssertApplies("{'spec':{'taints':[],'unschedulable':true}}",
            "{'spec':{'taints':[]}}", "[{'op':'replace','path':'/spec/unschedulable','value':true}]");

    // Patch.replace: findObject returns nil when an intermediate key ("spec") is missing: "doc is missing path".
    [Fact]
    public void Replace_under_a_missing_parent_is_rejected() =>
        Assert.Contains("missing path", AssertRejected("{}", "[{'op':'replace','path':'/spec/unschedulable','value':true}]"));

    // partialDoc.remove: "Unable to remove nonexistent key" when the key is not in the map.
    [Fact]
    public void Remove_of_a_missing_key_is_rejected() =>
        Assert.Contains("nonexistent key: unschedulable", AssertRejected("{'spec':{}}", "[{'op':'remove','path':'/spec/unschedulable'}]"));

    // Patch.replace with path "": the value must be an object or array and becomes the whole document.
    [Fact]
    public void Replace_of_the_root_swaps_the_document_for_an_object_only()
    {
        AssertApplies("{'b':2}", "{'a':1}", "[{'op':'replace','path':'','value':{'b':2}}]");
        AssertRejected("{'a':1}", "[{'op':'replace','path':'','value':3}]");
    }

    // partialArray.add: "-" appends; an index may equal the length (insert at the end) but not exceed it.
    [Fact]
    public void Add_appends_with_dash_and_at_the_length_but_not_past_it()
    {
        AssertApplies("{'l':[1,2,3]}", "{'l':[1,2]}", "[{'op':'add','path':'/l/-','value':3}]");
        AssertApplies("{'l':[1,2,3]}", "{'l':[1,2]}", "[{'op':'add','path':'/l/2','value':3}]");
        Assert.Contains("invalid index", AssertRejected("{'l':[1,2]}", "[{'op':'add','path':'/l/3','value':3}]"));
    }

    // strconv.Atoi parses indices, so leading zeros and a "+" sign are accepted; anything else is "not a proper array index".
    [Fact]
    public void Indices_are_parsed_like_Go_Atoi_leading_zeros_included()
    {
        AssertApplies("{'l':['a','x','b']}", "{'l':['a','b']}", "[{'op':'add','path':'/l/01','value':'x'}]");
        AssertApplies("{'l':['a','y']}", "{'l':['a','b']}", "[{'op':'replace','path':'/l/+1','value':'y'}]");
        Assert.Contains("proper array index", AssertRejected("{'l':[1]}", "[{'op':'add','path':'/l/x','value':3}]"));
    }

    // partialArray.get/set/remove with SupportNegativeIndices (default true): -1 is the last element, below -len is invalid.
    // partialArray.add counts from the end of the grown array, so add at -1 appends.
    [Fact]
    public void Negative_indices_count_from_the_end()
    {
        AssertApplies("{'l':[1,9]}", "{'l':[1,2]}", "[{'op':'replace','path':'/l/-1','value':9}]");
        AssertApplies("{'l':[2]}", "{'l':[1,2]}", "[{'op':'remove','path':'/l/-2'}]");
        AssertApplies("{'l':[1,2,3]}", "{'l':[1,2]}", "[{'op':'add','path':'/l/-1','value':3}]");
        AssertRejected("{'l':[1,2]}", "[{'op':'remove','path':'/l/-3'}]");
    }

    // partialArray.get (replace's existence check) and partialArray.remove: an index >= len is "invalid index".
    [Fact]
    public void Replace_and_remove_past_the_end_are_rejected()
    {
        Assert.Contains("missing key", AssertRejected("{'l':[1]}", "[{'op':'replace','path':'/l/1','value':2}]"));
        Assert.Contains("invalid index", AssertRejected("{'l':[1]}", "[{'op':'remove','path':'/l/1'}]"));
        AssertRejected("{'l':[1]}", "[{'op':'replace','path':'/l/-','value':2}]");
    }

    // findObject walks array elements by index too, and stops (missing path) at a scalar or an out-of-range index.
    [Fact]
    public void Paths_walk_through_arrays_and_stop_at_scalars()
    {
        AssertApplies("{'c':[{'name':'a','image':'y'}]}", "{'c':[{'name':'a','image':'x'}]}", "[{'op':'replace','path':'/c/0/image','value':'y'}]");
        Assert.Contains("missing path", AssertRejected("{'c':[]}", "[{'op':'add','path':'/c/0/image','value':'y'}]"));
        Assert.Contains("missing path", AssertRejected("{'a':'s'}", "[{'op':'add','path':'/a/b','value':1}]"));
    }

    // Patch.test: a missing key (or a null value) passes when the value is null or absent; values compare structurally.
    [Fact]
    public void Test_treats_missing_as_null_and_compares_structurally()
    {
        AssertApplies("{'a':{'x':1,'y':[1,2]}}", "{'a':{'x':1,'y':[1,2]}}",
            "[{'op':'test','path':'/b','value':null},{'op':'test','path':'/a','value':{'y':[1,2],'x':1}},{'op':'test','path':'','value':{'a':{'x':1,'y':[1,2]}}}]");
        Assert.Contains("test failed", AssertRejected("{'a':1}", "[{'op':'test','path':'/b','value':1}]"));
        Assert.Contains("test failed", AssertRejected("{'a':1}", "[{'op':'test','path':'/a','value':null}]"));
        AssertRejected("{'l':[1]}", "[{'op':'test','path':'/l/1','value':null}]");
    }

    // Patch.copy: partialDoc.get of a missing "from" key gives nil without an error, so null is added.
    // Patch.move: the same get succeeds but partialDoc.remove then fails.
    [Fact]
    public void Copy_from_a_missing_key_adds_null_but_move_fails()
    {
        AssertApplies("{'a':1,'b':null}", "{'a':1}", "[{'op':'copy','from':'/x','path':'/b'}]");
        AssertApplies("{'b':[1],'c':1}", "{'a':1,'b':[]}", "[{'op':'move','from':'/a','path':'/b/-'},{'op':'copy','from':'/b/0','path':'/c'}]");
        Assert.Contains("nonexistent key", AssertRejected("{'a':1}", "[{'op':'move','from':'/x','path':'/b'}]"));
    }

    // Patch.add with path "": findObject needs at least one "/", so adding at the root is "doc is missing path".
    // Apply: an op other than the six is "Unexpected kind".
    [Fact]
    public void Add_at_the_root_and_unknown_ops_are_rejected()
    {
        Assert.Contains("missing path", AssertRejected("{}", "[{'op':'add','path':'','value':{}}]"));
        Assert.Contains("Unexpected kind: frob", AssertRejected("{}", "[{'op':'frob','path':'/a'}]"));
    }
}
