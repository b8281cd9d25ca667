using System.Text;
using Scheduler.LocalKube.Kubelet.Streaming;
using Xunit;

namespace Scheduler.LocalKube.Tests.Kubelet;

/// <summary>
/// Frame-by-frame decoding: the API server (wsstream over golang.org/x/net/websocket, whose Receive returns a single
/// frame) strips the channel byte from every frame, including each frame of a fragmented message.
/// </summary>
public class ChannelFrameReaderTests
{
    private static ChannelFrameReader Reader(string protocol, params long[] frameLengths)
    {
        var lengths = new Queue<long>(frameLengths);
        return new ChannelFrameReader(ChannelProtocol.Negotiate([protocol])!, lengths.Dequeue);
    }

    private static string Stdin(IEnumerable<ChannelFrame> frames) =>
        Encoding.ASCII.GetString(frames.Where(f => f.Channel == ChannelProtocol.Stdin && !f.IsClose).SelectMany(f => f.Data).ToArray());

    [Fact]
    public void Every_frame_loses_its_own_channel_byte_however_the_bytes_are_read()
    {
        // One message in two frames, [0 a b c] and [0 d e], read in pieces that cross the frame boundary.
        var reader = Reader("v4.channel.k8s.io", 4, 3);

        var frames = reader.Read([0, (byte)'a', (byte)'b']).Concat(reader.Read([(byte)'c', 0, (byte)'d'])).Concat(reader.Read([(byte)'e'])).ToList();

        Assert.Equal("abcde", Stdin(frames));
    }

    [Fact]
    public void V5_close_and_other_channels_are_decoded_whole_and_empty_frames_skipped()
    {
        var reader = Reader("v5.channel.k8s.io", 2, 0, 3, 2);

        var frames = reader.Read([0, (byte)'x']).Concat(reader.Read([4, (byte)'{'])).Concat(reader.Read([(byte)'}', 255])).Concat(reader.Read([0])).ToList();

        Assert.Equal(3, frames.Count);
        Assert.Equal("x", Stdin(frames));
        Assert.Equal((ChannelProtocol.Resize, "{}"), (frames[1].Channel, Encoding.ASCII.GetString(frames[1].Data)));
        Assert.Equal((ChannelProtocol.Stdin, true), (frames[2].Channel, frames[2].IsClose));
    }

    [Fact]
    public void Base64_frames_are_decoded_one_by_one()
    {
        var reader = Reader("v4.base64.channel.k8s.io", 5, 5);

        var frames = reader.Read(Encoding.ASCII.GetBytes("0aGk=0aGk="));

        Assert.Equal("hihi", Stdin(frames));
    }
}
