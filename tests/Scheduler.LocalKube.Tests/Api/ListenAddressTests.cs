using System.Net;
using System.Net.Sockets;
using k8s;
using Scheduler.LocalKube.Tests.Support;
using Xunit;

namespace Scheduler.LocalKube.Tests.Api;

/// <summary>
/// <see cref="LocalKubeOptions.Address"/>: LocalKube listens there only, and its kubeconfig names it. 127.0.0.2 is on
/// Linux's loopback like 127.0.0.1, so the test needs no interface of its own.
/// </summary>
public sealed class ListenAddressTests
{
    [Fact]
    public async Task Serves_on_the_given_address_only_and_its_kubeconfig_names_it()
    {
        var address = IPAddress.Parse("127.0.0.2");
        await using var cluster = await LocalKubeFixture.StartAsync(o => o.Address = address);

        Assert.Equal("127.0.0.2", cluster.Server.BaseUri.Host);
        Assert.Contains($"server: http://127.0.0.2:{cluster.Server.BaseUri.Port}", cluster.Server.KubeconfigYaml());
        Assert.NotEmpty((await cluster.Client.CoreV1.ListNodeAsync()).Items);
        using var loopback = new TcpClient();
        var refused = await Assert.ThrowsAsync<SocketException>(() => loopback.ConnectAsync(IPAddress.Loopback, cluster.Server.BaseUri.Port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }
}
