using Xunit;

namespace Scheduler.LocalKube.Tests.Kubelet.Support;

/// <summary>One kubelet host per test class; disposed (every process killed, temp dir removed) after the class.</summary>
public sealed class KubeletHostFixture : IAsyncLifetime
{
    public KubeletHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await KubeletHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
