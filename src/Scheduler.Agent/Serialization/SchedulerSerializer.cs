using Akka.Actor;
using Akka.Serialization;

namespace Scheduler.Agent.Serialization;

/// <summary>
/// Writes the journal's events and snapshots and the messages between replicas as JSON under short, stable manifests
/// (<c>job-submitted.v1</c>), never CLR type names, so renaming or moving a record leaves stored data readable.
/// Bound in <c>hocon/serialization.conf</c>. Task secrets are sealed with the key of the system's <see cref="SecretsKeySetup"/>.
/// </summary>
public sealed class SchedulerSerializer : SerializerWithStringManifest
{
    public const int Id = 2207;

    private readonly MessageFormats _formats;

    public SchedulerSerializer(ExtendedActorSystem system) : base(system)
    {
        var setup = system.Settings.Setup.Get<SecretsKeySetup>();
        _formats = new MessageFormats(setup.HasValue ? setup.Value.Cipher : null);
    }

    public override int Identifier => Id;

    public override string Manifest(object o) => _formats.For(o.GetType()).Manifest;

    public override byte[] ToBinary(object obj) => _formats.For(obj.GetType()).Write(obj);

    public override object FromBinary(byte[] bytes, string manifest) => _formats.For(manifest).Read(bytes);
}
