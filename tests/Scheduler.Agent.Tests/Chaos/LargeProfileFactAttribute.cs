using Xunit.Abstractions;
using Xunit.Sdk;

namespace Scheduler.Agent.Tests.Chaos;

/// <summary>A scenario of the large chaos profile only: outside it, the test is not discovered at all (not skipped).</summary>
[XunitTestCaseDiscoverer("Scheduler.Agent.Tests.Chaos.LargeProfileFactDiscoverer", "Scheduler.Agent.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class LargeProfileFactAttribute : FactAttribute;

public sealed class LargeProfileFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        ChaosProfile.Current.IsLarge ? base.Discover(discoveryOptions, testMethod, factAttribute) : [];
}
