using System.Text;
using Scheduler.Domain.Jobs;
using Scheduler.Domain.Tasks;

namespace Scheduler.Agent.Tests.Serialization;

/// <summary>A task's resources, node selector and tolerations in the stored <c>job-submitted.v1</c> event.</summary>
public sealed class TaskPodOverridesFormatTests() : Akka.TestKit.Xunit2.TestKit(FormatSamples.SystemSetup())
{
    [Fact]
    public void Overrides_survive_the_journal_and_a_spec_without_them_is_stored_as_before()
    {
        var parsed = TaskSpecParser.Parse("""
            resource_class: test/small
            resources: {requests: {cpu: 500m}, limits: {memory: 1Gi}}
            nodeSelector: {disktype: ssd}
            tolerations: [{key: dedicated, operator: Equal, value: ci, effect: NoExecute, tolerationSeconds: 30}]
            steps: [make]
            """);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        var withOverrides = new JobSubmitted(new JobId("t-over"), parsed.Spec, FormatSamples.At);
        var plain = new JobSubmitted(new JobId("t-plain"), parsed.Spec with { PodOverrides = TaskPodOverrides.None }, FormatSamples.At);
        var serializer = Sys.Serialization.FindSerializerFor(withOverrides);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, withOverrides);

        var loaded = (JobSubmitted)Sys.Serialization.Deserialize(serializer.ToBinary(withOverrides), serializer.Identifier, manifest);

        Assert.Equal(parsed.Spec, loaded.Spec);
        Assert.Equal("1Gi", loaded.Spec.PodOverrides.Resources.Limits.Memory!.Text);
        Assert.DoesNotContain("podOverrides", Encoding.UTF8.GetString(serializer.ToBinary(plain)));
    }
}
