using Akka.Actor.Setup;

namespace Scheduler.Agent.Serialization;

/// <summary>
/// Hands the secrets key to <see cref="SchedulerSerializer"/>, which Akka creates by reflection from HOCON. A setup keeps
/// the key out of the HOCON tree, which Akka can log.
/// </summary>
public sealed class SecretsKeySetup(SecretCipher cipher) : Setup
{
    public SecretCipher Cipher { get; } = cipher;
}
