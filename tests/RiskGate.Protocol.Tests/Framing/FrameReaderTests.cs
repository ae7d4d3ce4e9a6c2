using System.Buffers;
using System.Buffers.Binary;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;
using RiskGate.Protocol.Tests.Support;

namespace RiskGate.Protocol.Tests.Framing;

public class FrameReaderTests
{
    [Theory]
    [InlineData(int.MinValue)] // why: negative values must not wrap into a huge bound
    [InlineData(0)] // why: zero is the usual "unset" mistake
    [InlineData(ProtocolInfo.MinFrameLength - 1)] // why: cannot hold a framing and a message header
    [InlineData(ProtocolInfo.MaxMaxFrameLength + 1)] // why: just above the hard upper bound
    public void Constructor_MaxFrameLengthOutOfRange_ThrowsNamingTheSetting(int maxFrameLength)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new FrameReader(maxFrameLength));
        Assert.Equal("maxFrameLength", exception.ParamName);
    }

    [Theory]
    [InlineData(ProtocolInfo.MinFrameLength)] // why: lowest allowed bound
    [InlineData(ProtocolInfo.MaxMaxFrameLength)] // why: highest allowed bound
    public void Constructor_MaxFrameLengthInRange_Kept(int maxFrameLength)
    {
        Assert.Equal(maxFrameLength, new FrameReader(maxFrameLength).MaxFrameLength);
    }

    [Fact]
    public void Constructor_Default_Is4096()
    {
        Assert.Equal(4096, new FrameReader().MaxFrameLength);
    }

    [Theory]
    [InlineData(4097u)] // why: one past the default bound
    [InlineData(uint.MaxValue)] // why: must not overflow into a small signed length
    [InlineData(0x8000_0000u)] // why: negative when read as int32
    public void TryRead_OversizedLengthWithOnlyTheHeader_RejectedBeforeTheBody(uint declared)
    {
        var header = Header(declared, ProtocolInfo.SbeLittleEndianEncodingType);
        AssertStatusAtStart(FrameStatus.LengthTooLarge, header);
    }

    [Theory]
    [InlineData(0u)] // why: empty frame
    [InlineData(6u)] // why: framing header only
    [InlineData(13u)] // why: one byte short of a message header
    public void TryRead_UndersizedLength_RejectedBeforeTheBody(uint declared)
    {
        AssertStatusAtStart(FrameStatus.LengthTooSmall, Header(declared, ProtocolInfo.SbeLittleEndianEncodingType));
    }

    [Theory]
    [InlineData(0x50EB)] // why: the SBE encoding type written little-endian by mistake
    [InlineData(0x5BE0)] // why: SBE 1.0 big-endian, which this schema does not use
    [InlineData(0x0000)] // why: zeroed header
    public void TryRead_WrongEncodingType_RejectedBeforeTheBody(int encodingType)
    {
        AssertStatusAtStart(FrameStatus.WrongEncodingType, Header(64, (ushort)encodingType));
    }

    [Fact]
    public void TryRead_LengthEqualToConfiguredMaximum_Accepted()
    {
        var message = NewOrderMessage();
        var reader = new FrameReader(FramingHeader.Length + message.Length);
        Assert.Equal(FrameStatus.Ok, reader.TryRead(WireEdit.Frame(message), out var read, out int consumed));
        Assert.Equal(FramingHeader.Length + message.Length, consumed);
        Assert.Equal(message, read.ToArray());

        var smaller = new FrameReader(FramingHeader.Length + message.Length - 1);
        Assert.Equal(FrameStatus.LengthTooLarge, smaller.TryRead(WireEdit.Frame(message), out _, out consumed));
        Assert.Equal(0, consumed);
    }

    [Theory]
    [InlineData(0)] // why: template 0 is MessageType.None
    [InlineData(7)] // why: a gap in the numbering
    [InlineData(65535)] // why: highest template id
    public void TryRead_UnknownTemplate_ReportsItAndSkipsTheFrame(int templateId)
    {
        var message = NewOrderMessage();
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(MessageHeader.TemplateIdOffset), (ushort)templateId);
        var frame = WireEdit.Frame(message);
        Assert.Equal(FrameStatus.UnknownTemplate, new FrameReader().TryRead(frame, out var read, out int consumed));
        Assert.True(read.IsEmpty);
        Assert.Equal(frame.Length, consumed);
    }

    [Fact]
    public void TryRead_FrameLongerThanTheMessage_AcceptsAndConsumesTheWholeFrame()
    {
        // A newer version may append parts after the known ones; the frame length, not the message, is authoritative.
        var message = NewOrderMessage().Concat(new byte[] { 1, 2, 3 }).ToArray();
        var frame = WireEdit.Frame(message);
        Assert.Equal(FrameStatus.Ok, new FrameReader().TryRead(frame, out var read, out int consumed));
        Assert.Equal(frame.Length, consumed);
        Assert.Equal(message.Length, read.Length);
    }

    [Fact]
    public void TryRead_BackToBackFramesAcrossSegments_ReadsEachInOrder()
    {
        var output = new ArrayBufferWriter<byte>();
        foreach (var sample in MessageSamples.All)
        {
            FrameWriter.Write(output, sample.Full());
        }

        var data = output.WrittenSpan.ToArray();
        var reader = new FrameReader();
        var buffer = WireEdit.Segments(data, 5, 17, 100, 101, 400, data.Length - 3);
        foreach (var sample in MessageSamples.All)
        {
            Assert.Equal(FrameStatus.Ok, reader.TryRead(buffer, out var message, out SequencePosition consumed));
            sample.AssertFull(message);
            buffer = buffer.Slice(consumed);
        }

        Assert.Equal(0, buffer.Length);
        Assert.Equal(FrameStatus.Incomplete, reader.TryRead(buffer, out _, out SequencePosition end));
        Assert.Equal(buffer.Start, end);
    }

    [Fact]
    public void TryRead_FrameSpanningSegments_MessageIsAContiguousCopy()
    {
        var message = NewOrderMessage();
        var frame = WireEdit.Frame(message);
        var buffer = WireEdit.Segments(frame, 3, 20);
        Assert.Equal(FrameStatus.Ok, new FrameReader().TryRead(buffer, out var read, out SequencePosition _));
        Assert.Equal(message, read.ToArray());
    }

    [Fact]
    public void TryRead_HeaderSplitAcrossSegments_LengthCheckedBeforeTheBody()
    {
        var header = Header(100_000, ProtocolInfo.SbeLittleEndianEncodingType);
        for (var cut = 0; cut <= header.Length; cut++)
        {
            var buffer = WireEdit.Segments(header, cut);
            Assert.Equal(FrameStatus.LengthTooLarge, new FrameReader().TryRead(buffer, out _, out SequencePosition consumed));
            Assert.Equal(buffer.Start, consumed);
        }
    }

    private static void AssertStatusAtStart(FrameStatus expected, byte[] header)
    {
        var reader = new FrameReader();
        Assert.Equal(expected, reader.TryRead(header, out var message, out int consumed));
        Assert.Equal(0, consumed);
        Assert.True(message.IsEmpty);

        var sequence = new ReadOnlySequence<byte>(header);
        Assert.Equal(expected, reader.TryRead(sequence, out message, out SequencePosition position));
        Assert.Equal(sequence.Start, position);
        Assert.True(message.IsEmpty);

        var segmented = WireEdit.ByteSegments(header);
        Assert.Equal(expected, reader.TryRead(segmented, out _, out position));
        Assert.Equal(segmented.Start, position);
    }

    private static byte[] Header(uint declared, ushort encodingType)
    {
        var header = new byte[FramingHeader.Length];
        BinaryPrimitives.WriteUInt32BigEndian(header, declared);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(FramingHeader.EncodingTypeOffset), encodingType);
        return header;
    }

    private static byte[] NewOrderMessage() => MessageSamples.Get("NewOrder").Full();
}
