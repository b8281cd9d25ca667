using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Scheduler.Agent.Serialization;

namespace Scheduler.Agent.Tests.Serialization;

/// <summary>
/// <c>stored-formats.v1.json</c> holds the manifest and payload bytes of every stored type, as the serializer wrote them
/// when the format was introduced. Journals hold such bytes forever: a change that cannot read them fails here.
/// </summary>
public sealed class StoredFormatCompatibilityTests() : Akka.TestKit.Xunit2.TestKit(FormatSamples.SystemSetup())
{
    private const string FixtureFile = "stored-formats.v1.json";

    private sealed record StoredPayload(string Manifest, string Payload);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly IReadOnlyList<StoredPayload> Fixture = JsonSerializer.Deserialize<StoredPayload[]>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Serialization", FixtureFile)), Json)!;

    public static TheoryData<string> FixtureManifests() => new(Fixture.Select(p => p.Manifest));

    [Fact]
    public void Every_stored_format_has_a_payload_in_the_fixture()
    {
        var serializer = (SchedulerSerializer)Sys.Serialization.FindSerializerForType(typeof(Domain.Jobs.JobSubmitted));
        var missing = FormatSamples.Stored
            .Where(sample => Fixture.All(p => p.Manifest != serializer.Manifest(sample)))
            .Select(sample => new StoredPayload(serializer.Manifest(sample), Encoding.UTF8.GetString(serializer.ToBinary(sample))))
            .ToArray();

        Assert.True(missing.Length == 0,
            $"a new stored format needs its payload in {FixtureFile}; append:\n" + string.Join(",\n", missing.Select(p => JsonSerializer.Serialize(p, Json))));
    }

    [Theory]
    [MemberData(nameof(FixtureManifests))]
    public void A_payload_stored_by_an_earlier_version_still_loads(string manifest)
    {
        var stored = Fixture.Single(p => p.Manifest == manifest);
        var serializer = (SchedulerSerializer)Sys.Serialization.FindSerializerForType(typeof(Domain.Jobs.JobSubmitted));

        var loaded = Sys.Serialization.Deserialize(Encoding.UTF8.GetBytes(stored.Payload), SchedulerSerializer.Id, manifest);

        Assert.Equivalent(FormatSamples.Stored.Single(s => serializer.Manifest(s) == manifest), loaded, strict: true);
    }
}
