namespace Scheduler.Domain.Jobs;

/// <summary>
/// Makes new <see cref="JobId"/>s: <c>t-</c>, 10 characters of millisecond timestamp and 8 random characters,
/// in lowercase Crockford base32 (ULID-like), so ids sort by submission time. Clock and randomness are
/// injectable for tests.
/// </summary>
public sealed class JobIdGenerator(TimeProvider clock, Random random)
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public JobIdGenerator() : this(TimeProvider.System, Random.Shared)
    {
    }

    public JobId Next()
    {
        var chars = new char[18];
        var millis = clock.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 9; i >= 0; i--, millis >>= 5)
            chars[i] = Alphabet[(int)(millis & 31)];
        lock (random)
        {
            for (var i = 10; i < chars.Length; i++)
                chars[i] = Alphabet[random.Next(32)];
        }
        return new JobId("t-" + new string(chars));
    }
}
