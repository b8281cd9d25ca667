using System.Text.Json.Nodes;

namespace Scheduler.LocalKube.Patching;

/// <summary>
/// Strategic merge patch for the core/v1 fields LocalKube stores: a merge patch in which lists with a known merge key
/// (containers by name, conditions by type, …) merge element-wise, and the directives
/// <c>$patch</c> (replace/delete), <c>$retainKeys</c>, <c>$setElementOrder/…</c> and <c>$deleteFromPrimitiveList/…</c> are honoured.
/// </summary>
public static class StrategicMergePatch
{
    private static readonly Dictionary<string, string> MergeKeys = new()
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["env"] = "name",
        ["volumes"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["ports"] = "containerPort",
        ["conditions"] = "type",
        ["ownerReferences"] = "uid",
        ["imagePullSecrets"] = "name",
        ["hostAliases"] = "ip",
        ["addresses"] = "type",
        ["containerStatuses"] = "name",
        ["initContainerStatuses"] = "name",
        ["topologySpreadConstraints"] = "topologyKey",
    };

    private static readonly HashSet<string> MergedPrimitiveLists = ["finalizers"];

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        if (patchObject["$patch"]?.GetValue<string>() == "replace")
        {
            var replacement = (JsonObject)patchObject.DeepClone();
            StripDirectives(replacement);
            return replacement;
        }
        if (patchObject["$patch"]?.GetValue<string>() == "delete") return null;

        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        if (patchObject["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.GetValue<string>()).ToHashSet();
            foreach (var key in result.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList()) result.Remove(key);
        }

        foreach (var (key, value) in patchObject)
        {
            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var field = key["$deleteFromPrimitiveList/".Length..];
                if (result[field] is JsonArray list && value is JsonArray remove)
                {
                    var drop = remove.Select(v => v?.ToJsonString()).ToHashSet();
                    result[field] = new JsonArray(list.Where(v => !drop.Contains(v?.ToJsonString())).Select(v => v?.DeepClone()).ToArray());
                }
                continue;
            }
            if (key.StartsWith('$')) continue;

            if (value is null) result.Remove(key);
            else if (value is JsonArray patchList) result[key] = MergeList(key, result[key] as JsonArray, patchList);
            else if (value is JsonObject) result[key] = Apply(result[key], value);
            else result[key] = value.DeepClone();
            if (result.ContainsKey(key) && result[key] is null && value is JsonObject) result.Remove(key);
        }
        return result;
    }

    private static JsonArray MergeList(string field, JsonArray? current, JsonArray patch)
    {
        if (MergedPrimitiveLists.Contains(field) && current is not null)
        {
            var merged = current.Select(v => v?.DeepClone()).ToList();
            foreach (var item in patch)
                if (!merged.Any(m => m?.ToJsonString() == item?.ToJsonString())) merged.Add(item?.DeepClone());
            return new JsonArray(merged.ToArray());
        }
        if (!MergeKeys.TryGetValue(field, out var mergeKey) || current is null || patch.Any(i => i is not JsonObject))
        {
            var replaced = (JsonArray)patch.DeepClone();
            foreach (var item in replaced.OfType<JsonObject>()) StripDirectives(item);
            return replaced;
        }

        var result = current.Select(v => v?.DeepClone()).ToList();
        foreach (var item in patch.OfType<JsonObject>())
        {
            var id = item[mergeKey]?.ToJsonString();
            var index = result.FindIndex(r => r is JsonObject o && o[mergeKey]?.ToJsonString() == id);
            var merged = Apply(index >= 0 ? result[index] : null, item);
            if (index >= 0)
            {
                if (merged is null) result.RemoveAt(index);
                else result[index] = merged;
            }
            else if (merged is not null)
            {
                result.Add(merged);
            }
        }
        return new JsonArray(result.ToArray());
    }

    private static void StripDirectives(JsonObject obj)
    {
        foreach (var key in obj.Select(p => p.Key).Where(k => k.StartsWith('$')).ToList()) obj.Remove(key);
        foreach (var child in obj.Select(p => p.Value).ToList())
        {
            if (child is JsonObject o) StripDirectives(o);
            else if (child is JsonArray a)
                foreach (var item in a.OfType<JsonObject>()) StripDirectives(item);
        }
    }
}
