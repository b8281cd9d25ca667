using Scheduler.Domain.Claims;

namespace Scheduler.Domain.Tests.Claims;

public class ClaimPolicyTests
{
    [Theory]
    [InlineData(0, 5, 0, 20, true, 5)]
    [InlineData(4, 5, 0, 20, true, 1)]
    [InlineData(5, 5, 0, 20, true, 0)]
    [InlineData(0, 5, 18, 20, true, 2)]
    [InlineData(0, 5, 20, 20, true, 0)]
    [InlineData(7, 5, 0, 20, true, 0)]
    [InlineData(0, 5, 0, 20, false, 0)]
    public void Claims_only_below_both_limits_and_while_enabled(int classRunning, int classLimit, int replicaRunning, int replicaLimit, bool enabled, int expected)
    {
        Assert.Equal(expected, ClaimPolicy.Available(classRunning, classLimit, replicaRunning, replicaLimit, enabled));
        Assert.Equal(expected > 0, ClaimPolicy.CanClaim(classRunning, classLimit, replicaRunning, replicaLimit, enabled));
    }
}
