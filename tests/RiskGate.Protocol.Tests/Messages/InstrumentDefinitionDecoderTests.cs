using System.Buffers.Binary;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;
using RiskGate.Protocol.Tests.Support;

namespace RiskGate.Protocol.Tests.Messages;

public class InstrumentDefinitionDecoderTests
{
    [Fact]
    public void TryWrap_FullMessage_EveryFieldRoundTrips()
    {
        var message = Full();
        Assert.Equal(InstrumentDefinitionEncoder.Length, message.Length);
        InstrumentDefinitionSamples.AssertFull(message);
        Assert.Equal(FrameStatus.Ok, InstrumentDefinitionDecoder.TryWrap(message, out var d));
        Assert.Equal(message.Length, d.EncodedLength);
        Assert.Equal(InstrumentDefinitionDecoder.BlockLength, d.ActingBlockLength);
    }

    [Fact]
    public void TryWrap_OptionalFieldsExplicitlyNull_NullsRoundTrip()
    {
        var buffer = new byte[InstrumentDefinitionEncoder.Length];
        var length = InstrumentDefinitionSamples.EncodeExplicitNulls(buffer);
        InstrumentDefinitionSamples.AssertNulls(buffer.AsSpan(0, length));
    }

    [Fact]
    public void TryWrap_OptionalFieldsNeverSet_DecodeAsNull()
    {
        var buffer = new byte[InstrumentDefinitionEncoder.Length];
        var length = InstrumentDefinitionSamples.EncodeRequiredOnly(buffer);
        InstrumentDefinitionSamples.AssertNulls(buffer.AsSpan(0, length));
    }

    [Fact]
    public void TryWrap_LongerBlockFromNewerVersion_DecodesEveryField()
    {
        var longer = WireEdit.ExtendBlock(Full(), 16);
        InstrumentDefinitionSamples.AssertFull(longer);
        Assert.Equal(FrameStatus.Ok, InstrumentDefinitionDecoder.TryWrap(longer, out var d));
        Assert.Equal(InstrumentDefinitionDecoder.BlockLength + 16, d.ActingBlockLength);
        Assert.Equal(longer.Length, d.EncodedLength);
    }

    [Theory]
    [InlineData(1)] // why: one byte short is the tightest violation
    [InlineData(8)] // why: a whole trailing field missing, as an older, shorter block would be
    [InlineData(InstrumentDefinitionDecoder.BlockLength)] // why: an empty block
    public void TryWrap_ShorterBlock_ReturnsBlockTooShort(int by)
    {
        var shorter = WireEdit.ShrinkBlock(Full(), by);
        Assert.Equal(FrameStatus.BlockTooShort, InstrumentDefinitionDecoder.TryWrap(shorter, out _));
        Assert.Equal(FrameStatus.BlockTooShort, MessageDispatch.Validate(shorter, out _));

        var frame = WireEdit.Frame(shorter);
        Assert.Equal(FrameStatus.BlockTooShort, new FrameReader().TryRead(frame, out var message, out int consumed));
        Assert.True(message.IsEmpty);
        Assert.Equal(frame.Length, consumed);
    }

    [Fact]
    public void TryWrap_BlockBeyondMessageEnd_ReturnsMessageTooShort()
    {
        var message = Full();
        Assert.Equal(FrameStatus.MessageTooShort, InstrumentDefinitionDecoder.TryWrap(message.AsSpan(0, MessageHeader.Length + InstrumentDefinitionDecoder.BlockLength - 1), out _));
    }

    [Fact]
    public void TryWrap_OtherTemplate_ReturnsTemplateMismatch()
    {
        var message = Full();
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(MessageHeader.TemplateIdOffset), NewOrderDecoder.TemplateId);
        Assert.Equal(FrameStatus.TemplateMismatch, InstrumentDefinitionDecoder.TryWrap(message, out _));
    }

    [Theory]
    [InlineData(MessageHeader.SchemaIdOffset, 0x4752, FrameStatus.UnsupportedSchema)] // why: byte-swapped schema id
    [InlineData(MessageHeader.VersionOffset, 0, FrameStatus.UnsupportedVersion)] // why: version 0 was never issued
    public void TryWrap_BadHeader_ReturnsStatus(int offset, int value, FrameStatus expected)
    {
        var message = Full();
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(offset), (ushort)value);
        Assert.Equal(expected, InstrumentDefinitionDecoder.TryWrap(message, out _));
    }

    [Fact]
    public void TryWrap_ShorterThanHeader_ReturnsHeaderTooShort()
    {
        Assert.Equal(FrameStatus.HeaderTooShort, InstrumentDefinitionDecoder.TryWrap(Full().AsSpan(0, MessageHeader.Length - 1), out _));
    }

    [Fact]
    public void FrameReader_EveryPrefix_IncompleteAndNothingConsumed()
    {
        FrameAssert.EveryPrefixIncomplete(WireEdit.Frame(Full()));
    }

    [Fact]
    public void FrameReader_WholeFrameInAnySegmentation_DecodesEveryField()
    {
        FrameAssert.EverySplitReadsWhole(WireEdit.Frame(Full()), InstrumentDefinitionSamples.AssertFull);
    }

    private static byte[] Full()
    {
        var buffer = new byte[InstrumentDefinitionEncoder.Length];
        var length = InstrumentDefinitionSamples.EncodeFull(buffer);
        return buffer.AsSpan(0, length).ToArray();
    }
}
