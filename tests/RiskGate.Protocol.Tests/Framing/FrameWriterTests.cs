using System.Buffers;
using System.Buffers.Binary;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;
using RiskGate.Protocol.Tests.Support;

namespace RiskGate.Protocol.Tests.Framing;

public class FrameWriterTests
{
    [Fact]
    public void Commit_EncodedInPlace_WritesBigEndianLengthAndEncodingType()
    {
        var output = new ArrayBufferWriter<byte>();
        var frame = FrameWriter.Begin(output, NewOrderEncoder.Length);
        var length = NewOrderSamples.EncodeFull(frame.Message);
        frame.Commit(length);

        var written = output.WrittenSpan;
        Assert.Equal(FramingHeader.Length + NewOrderEncoder.Length, written.Length);
        Assert.Equal((uint)written.Length, BinaryPrimitives.ReadUInt32BigEndian(written));
        Assert.Equal(0xEB50, BinaryPrimitives.ReadUInt16BigEndian(written[4..]));
        NewOrderSamples.AssertFull(written[FramingHeader.Length..]);
    }

    [Fact]
    public void Commit_ShorterThanReserved_AdvancesOnlyByTheFrame()
    {
        var output = new ArrayBufferWriter<byte>();
        var frame = FrameWriter.Begin(output, 1000);
        var length = HeartbeatSamples.EncodeFull(frame.Message);
        frame.Commit(length);
        Assert.Equal(FramingHeader.Length + length, output.WrittenCount);
    }

    [Theory]
    [InlineData(MessageHeader.Length - 1)] // why: shorter than a message header
    [InlineData(NewOrderEncoder.Length + 1)] // why: longer than what was reserved
    public void Commit_LengthOutOfRange_Throws(int messageLength)
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentOutOfRangeException>(() => FrameWriter.Begin(output, NewOrderEncoder.Length).Commit(messageLength));
        Assert.Equal(0, output.WrittenCount);
    }

    [Theory]
    [InlineData(0)] // why: no message fits
    [InlineData(ProtocolInfo.MaxMaxFrameLength)] // why: the frame would exceed the hard bound
    public void Begin_LengthOutOfRange_Throws(int maxMessageLength)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FrameWriter.Begin(new ArrayBufferWriter<byte>(), maxMessageLength));
    }

    [Fact]
    public void Begin_NullOutput_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => FrameWriter.Begin(null!, 64));
    }

    [Fact]
    public void Write_EveryMessage_FrameReaderReadsItBack()
    {
        var output = new ArrayBufferWriter<byte>();
        foreach (var sample in MessageSamples.All)
        {
            FrameWriter.Write(output, sample.Full());
        }

        var reader = new FrameReader();
        var data = output.WrittenSpan;
        foreach (var sample in MessageSamples.All)
        {
            Assert.Equal(FrameStatus.Ok, reader.TryRead(data, out var message, out int consumed));
            sample.AssertFull(message);
            data = data[consumed..];
        }

        Assert.True(data.IsEmpty);
    }
}
