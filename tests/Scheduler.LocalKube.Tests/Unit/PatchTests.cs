using System.Text.Json.Nodes;
using Scheduler.LocalKube.Patching;
using Xunit;

namespace Scheduler.LocalKube.Tests.Unit;

public class PatchTests
{
    private static JsonNode Json(string text) => JsonNode.Parse(text.Replace('\'', '"'))!;

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(Json(expected), actual), actual?.ToJsonString());

    [Fact]
    public void Merge_patch_merges_objects_deletes_nulls_replaces_lists() =>
        AssertJson("{'a':{'b':2,'d':4},'l':[3]}",
            MergePatch.Apply(Json("{'a':{'b':1,'c':3},'l':[1,2]}"), Json("{'a':{'b':2,'c':null,'d':4},'l':[3]}")));

    [Fact]
    public void Strategic_patch_merges_lists_by_key_and_honours_directives()
    {
        var target = Json("{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b','image':'y'}]},'metadata':{'labels':{'k':'v','old':'1'}}}");
        var patch = Json("{'$setElementOrder/containers':[{'name':'a'},{'name':'b'}],'spec':{'containers':[{'name':'b','image':'z'},{'name':'a','$patch':'delete'}]},'metadata':{'labels':{'old':null,'n':'2'}}}");
        AssertJson("{'spec':{'containers':[{'name':'b','image':'z'}]},'metadata':{'labels':{'k':'v','n':'2'}}}",
            StrategicMergePatch.Apply(target, patch));
    }

    [Fact]
    public void Strategic_patch_replaces_lists_without_a_merge_key_and_strips_retain_keys() =>
        AssertJson("{'spec':{'taints':[{'key':'k2'}],'unschedulable':true}}",
            StrategicMergePatch.Apply(Json("{'spec':{'taints':[{'key':'k1'}]}}"), Json("{'spec':{'$retainKeys':['taints','unschedulable'],'taints':[{'key':'k2'}],'unschedulable':true}}")));

    [Fact]
    public void Json_patch_applies_operations_in_order() =>
        AssertJson("{'metadata':{'labels':{'b':'2','a/b':'3'}},'l':[0,1]}",
            JsonPatch.Apply(Json("{'metadata':{'labels':{'a':'1'}},'l':[1]}"), Json(
                "[{'op':'add','path':'/metadata/labels/b','value':'2'},{'op':'remove','path':'/metadata/labels/a'}," +
                "{'op':'add','path':'/metadata/labels/a~1b','value':'3'},{'op':'add','path':'/l/0','value':0},{'op':'test','path':'/l/1','value':1}]").AsArray()));

    [Fact]
    public void Json_patch_fails_on_missing_path_and_failed_test()
    {
        Assert.Throws<InvalidOperationException>(() => JsonPatch.Apply(Json("{}"), Json("[{'op':'remove','path':'/x'}]").AsArray()));
        Assert.Throws<InvalidOperationException>(() => JsonPatch.Apply(Json("{'x':1}"), Json("[{'op':'test','path':'/x','value':2}]").AsArray()));
    }
}
