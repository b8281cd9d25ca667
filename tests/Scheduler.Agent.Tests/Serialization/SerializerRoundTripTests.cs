using System.Text;
using Akka.Serialization;
using Scheduler.Agent.Actors;
using Scheduler.Agent.Serialization;
using Scheduler.Domain.Jobs;

namespace Scheduler.Agent.Tests.Serialization;

public sealed class SerializerRoundTripTests() : Akka.TestKit.Xunit2.TestKit(FormatSamples.SystemSetup())
{
    public static TheoryData<string> Samples() => new(FormatSamples.Stored.Concat(FormatSamples.Wire).Select(s => s.GetType().Name));

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_type_survives_a_round_trip_under_its_manifest_without_CLR_type_names(string typeName)
    {
        var sample = FormatSamples.Stored.Concat(FormatSamples.Wire).Single(s => s.GetType().Name == typeName);
        var serializer = Assert.IsType<SchedulerSerializer>(Sys.Serialization.FindSerializerFor(sample));

        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, sample);
        var bytes = serializer.ToBinary(sample);

        Assert.Matches("^[a-z-]+\\.v[0-9]+$", manifest);
        Assert.DoesNotContain("Scheduler.", Encoding.UTF8.GetString(bytes));
        Assert.DoesNotContain("$type", Encoding.UTF8.GetString(bytes));
        Assert.Equivalent(sample, Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest), strict: true);
    }

    [Fact]
    public void A_claim_keeps_the_replica_that_runs_its_job()
    {
        var claim = new ClassJobClaimed("t-claimed", FormatSamples.At, "akka.tcp://scheduler@127.0.0.1:4053");
        var serializer = Sys.Serialization.FindSerializerFor(claim);

        var loaded = Sys.Serialization.Deserialize(serializer.ToBinary(claim), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, claim));

        Assert.Equal(claim, loaded);
    }

    [Fact]
    public void A_submitted_tasks_secret_is_sealed_in_the_event_and_on_the_wire()
    {
        var sealedOnes = FormatSamples.Stored.OfType<JobSubmitted>().Cast<object>()
            .Concat(FormatSamples.Wire.OfType<SubmitJob>())
            .Select(s => Encoding.UTF8.GetString(Sys.Serialization.FindSerializerFor(s).ToBinary(s)))
            .ToArray();

        Assert.Equal(2, sealedOnes.Length);
        Assert.All(sealedOnes, json =>
        {
            Assert.DoesNotContain(FormatSamples.SecretValue, json);
            Assert.Contains("\"API_TOKEN\":\"aes-gcm.v1:", json);
        });
    }

    [Fact]
    public void A_secret_sealed_for_one_job_does_not_open_for_another()
    {
        var cipher = new SecretCipher(FormatSamples.Key);
        var sealedValue = cipher.Seal(FormatSamples.SecretValue, "t-one", "API_TOKEN");

        Assert.Equal(FormatSamples.SecretValue, cipher.Open(sealedValue, "t-one", "API_TOKEN"));
        var error = Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => cipher.Open(sealedValue, "t-two", "API_TOKEN"));
        Assert.Contains("storage.secretsKey", error.Message);
    }
}
