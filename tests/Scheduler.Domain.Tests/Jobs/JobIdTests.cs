using Scheduler.Domain.Jobs;

namespace Scheduler.Domain.Tests.Jobs;

public class JobIdTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Generated_ids_are_short_dns_safe_and_deterministic_for_a_given_clock_and_seed()
    {
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var a = new JobIdGenerator(clock, new Random(7)).Next();
        var b = new JobIdGenerator(clock, new Random(7)).Next();

        Assert.Equal(a, b);
        Assert.Matches("^t-[0-9a-z]{18}$", a.Value);
        Assert.True(JobId.IsValid(a.Value));
    }

    [Fact]
    public void Generated_ids_sort_by_time()
    {
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var generator = new JobIdGenerator(clock, new Random(1));
        var ids = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            clock.Now = clock.Now.AddMilliseconds(37 * i + 1);
            ids.Add(generator.Next().Value);
        }
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public void Ids_from_one_generator_are_unique()
    {
        var generator = new JobIdGenerator();
        var ids = Enumerable.Range(0, 1000).Select(_ => generator.Next()).ToHashSet();
        Assert.Equal(1000, ids.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("T-ABC")]
    [InlineData("-abc")]
    [InlineData("abc-")]
    [InlineData("a_b")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Rejects_ids_that_are_not_dns_safe(string value)
    {
        Assert.False(JobId.TryParse(value, out _));
        Assert.Throws<ArgumentException>(() => new JobId(value));
    }

    [Fact]
    public void Ids_compare_by_value()
    {
        Assert.True(JobId.TryParse("t-abc", out var id));
        Assert.Equal(new JobId("t-abc"), id);
        Assert.Equal("t-abc", id.ToString());
    }
}
