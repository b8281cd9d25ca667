using System.Text;
using Scheduler.LocalKube.Kubelet.Streaming;
using Xunit;

namespace Scheduler.LocalKube.Tests.Kubelet;

public class ChannelProtocolTests
{
    [Fact]
    public void Negotiation_prefers_v5_then_v4_whatever_the_client_order()
    {
        Assert.Equal("v5.channel.k8s.io", ChannelProtocol.Negotiate(["channel.k8s.io, v4.channel.k8s.io, v5.channel.k8s.io"])!.Name);
        Assert.Equal("v4.channel.k8s.io", ChannelProtocol.Negotiate(["base64.channel.k8s.io", "v4.channel.k8s.io"])!.Name);
    }

    [Fact]
    public void No_offer_means_binary_v1_and_an_unknown_offer_is_refused()
    {
        var none = ChannelProtocol.Negotiate([]);
        Assert.NotNull(none);
        Assert.Null(none.Name);
        Assert.False(none.IsBase64);
        Assert.Null(ChannelProtocol.Negotiate(["v9.channel.k8s.io"]));
    }

    [Fact]
    public void Binary_frames_start_with_the_channel_byte()
    {
        var protocol = ChannelProtocol.Negotiate(["v4.channel.k8s.io"])!;
        var (payload, isText) = protocol.Encode(ChannelProtocol.Stderr, "oops"u8);
        Assert.False(isText);
        Assert.Equal([2, .. "oops"u8.ToArray()], payload);
        var frame = protocol.Decode([0, 104, 105])!;
        Assert.Equal(ChannelProtocol.Stdin, frame.Channel);
        Assert.Equal("hi"u8.ToArray(), frame.Data);
    }

    [Fact]
    public void Base64_frames_are_text_with_a_channel_digit()
    {
        var protocol = ChannelProtocol.Negotiate(["v4.base64.channel.k8s.io"])!;
        var (payload, isText) = protocol.Encode(ChannelProtocol.Stdout, "hello"u8);
        Assert.True(isText);
        Assert.Equal("1aGVsbG8=", Encoding.ASCII.GetString(payload));
        var frame = protocol.Decode(Encoding.ASCII.GetBytes("0aGk="))!;
        Assert.Equal(ChannelProtocol.Stdin, frame.Channel);
        Assert.Equal("hi"u8.ToArray(), frame.Data);
    }

    [Fact]
    public void V5_close_frame_closes_a_channel_but_v4_has_no_such_frame()
    {
        var v5 = ChannelProtocol.Negotiate(["v5.channel.k8s.io"])!.Decode([255, 0])!;
        Assert.True(v5.IsClose);
        Assert.Equal(ChannelProtocol.Stdin, v5.Channel);

        var v4 = ChannelProtocol.Negotiate(["v4.channel.k8s.io"])!.Decode([255, 0])!;
        Assert.False(v4.IsClose);
        Assert.Equal(255, v4.Channel);
    }

    [Fact]
    public void Exit_status_carries_the_code_as_KubernetesClient_reads_it()
    {
        var status = StreamStatus.FromExit(["sh", "-c", "exit 3"], 3);
        Assert.Equal("Failure", status.Status);
        Assert.Equal("NonZeroExitCode", status.Reason);
        Assert.Equal("command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3", status.Message);
        Assert.Equal("3", status.Details.Causes.Single(c => c.Reason == "ExitCode").Message);
        Assert.Equal(3, k8s.Kubernetes.GetExitCodeOrThrow(status));
        Assert.Equal(0, k8s.Kubernetes.GetExitCodeOrThrow(StreamStatus.FromExit(["true"], 0)));
        Assert.Equal("""{"metadata":{},"status":"Success"}""", Scheduler.LocalKube.Kubelet.StatusJson.Serialize(StreamStatus.Success()));
    }
}
