using System.Text;
using Scheduler.Agent.Actors;
using Scheduler.Domain.Jobs;
using Scheduler.Domain.Tasks;

namespace Scheduler.Agent.Tests.Serialization;

/// <summary>A task's services travel in the submitted event and message; a task without them is stored as before.</summary>
public sealed class ServiceSpecFormatTests() : Akka.TestKit.Xunit2.TestKit(FormatSamples.SystemSetup())
{
    private static readonly TaskSpec WithServices = FormatSamples.Spec with
    {
        Services =
        [
            new ServiceSpec("db", "postgres:16", null, new Dictionary<string, string> { ["POSTGRES_PASSWORD"] = "test" }, 5432),
            new ServiceSpec("mock", "mock:1", ["mock", "--port", "80"], new Dictionary<string, string>(), null),
        ],
    };

    [Fact]
    public void Services_survive_the_journal_and_the_wire()
    {
        var submitted = (JobSubmitted)RoundTrip(new JobSubmitted(new JobId("t-services"), WithServices, FormatSamples.At));
        var message = (SubmitJob)RoundTrip(new SubmitJob("t-services", WithServices));

        Assert.Equal(WithServices, submitted.Spec);
        Assert.Equal(WithServices, message.Spec);
    }

    [Fact]
    public void A_task_without_services_writes_no_services_field()
    {
        var json = Encoding.UTF8.GetString(Sys.Serialization.FindSerializerFor(FormatSamples.Stored[0]).ToBinary(FormatSamples.Stored[0]));

        Assert.DoesNotContain("services", json);
    }

    private object RoundTrip(object message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        return Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier,
            Akka.Serialization.Serialization.ManifestFor(serializer, message));
    }
}
