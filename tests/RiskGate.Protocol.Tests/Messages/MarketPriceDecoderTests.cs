using System.Buffers.Binary;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;
using RiskGate.Protocol.Tests.Support;

namespace RiskGate.Protocol.Tests.Messages;

public class MarketPriceDecoderTests
{
    [Fact]
    public void TryWrap_FullMessage_EveryFieldRoundTrips()
    {
        var message = Full();
        Assert.Equal(MarketPriceEncoder.Length, message.Length);
        MarketPriceSamples.AssertFull(message);
        Assert.Equal(FrameStatus.Ok, MarketPriceDecoder.TryWrap(message, out var d));
        Assert.Equal(message.Length, d.EncodedLength);
        Assert.Equal(MarketPriceDecoder.BlockLength, d.ActingBlockLength);
    }

    [Fact]
    public void TryWrap_RequiredOnly_EveryFieldRoundTrips()
    {
        // No field of MarketPrice has a null value: setting the required fields is the full message.
        var buffer = new byte[MarketPriceEncoder.Length];
        var length = MarketPriceSamples.EncodeRequiredOnly(buffer);
        MarketPriceSamples.AssertNulls(buffer.AsSpan(0, length));
        MarketPriceSamples.AssertFull(buffer.AsSpan(0, length));
    }

    [Fact]
    public void TryWrap_LongerBlockFromNewerVersion_DecodesEveryField()
    {
        var longer = WireEdit.ExtendBlock(Full(), 16);
        MarketPriceSamples.AssertFull(longer);
        Assert.Equal(FrameStatus.Ok, MarketPriceDecoder.TryWrap(longer, out var d));
        Assert.Equal(MarketPriceDecoder.BlockLength + 16, d.ActingBlockLength);
        Assert.Equal(longer.Length, d.EncodedLength);
    }

    [Theory]
    [InlineData(1)] // why: one byte short is the tightest violation
    [InlineData(8)] // why: a whole trailing field missing, as an older, shorter block would be
    [InlineData(MarketPriceDecoder.BlockLength)] // why: an empty block
    public void TryWrap_ShorterBlock_ReturnsBlockTooShort(int by)
    {
        var shorter = WireEdit.ShrinkBlock(Full(), by);
        Assert.Equal(FrameStatus.BlockTooShort, MarketPriceDecoder.TryWrap(shorter, out _));
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
        Assert.Equal(FrameStatus.MessageTooShort, MarketPriceDecoder.TryWrap(message.AsSpan(0, MessageHeader.Length + MarketPriceDecoder.BlockLength - 1), out _));
    }

    [Fact]
    public void TryWrap_OtherTemplate_ReturnsTemplateMismatch()
    {
        var message = Full();
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(MessageHeader.TemplateIdOffset), NewOrderDecoder.TemplateId);
        Assert.Equal(FrameStatus.TemplateMismatch, MarketPriceDecoder.TryWrap(message, out _));
    }

    [Theory]
    [InlineData(MessageHeader.SchemaIdOffset, 0x4752, FrameStatus.UnsupportedSchema)] // why: byte-swapped schema id
    [InlineData(MessageHeader.VersionOffset, 0, FrameStatus.UnsupportedVersion)] // why: version 0 was never issued
    public void TryWrap_BadHeader_ReturnsStatus(int offset, int value, FrameStatus expected)
    {
        var message = Full();
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(offset), (ushort)value);
        Assert.Equal(expected, MarketPriceDecoder.TryWrap(message, out _));
    }

    [Fact]
    public void TryWrap_ShorterThanHeader_ReturnsHeaderTooShort()
    {
        Assert.Equal(FrameStatus.HeaderTooShort, MarketPriceDecoder.TryWrap(Full().AsSpan(0, MessageHeader.Length - 1), out _));
    }

    [Fact]
    public void FrameReader_EveryPrefix_IncompleteAndNothingConsumed()
    {
        FrameAssert.EveryPrefixIncomplete(WireEdit.Frame(Full()));
    }

    [Fact]
    public void FrameReader_WholeFrameInAnySegmentation_DecodesEveryField()
    {
        FrameAssert.EverySplitReadsWhole(WireEdit.Frame(Full()), MarketPriceSamples.AssertFull);
    }

    private static byte[] Full()
    {
        var buffer = new byte[MarketPriceEncoder.Length];
        var length = MarketPriceSamples.EncodeFull(buffer);
        return buffer.AsSpan(0, length).ToArray();
    }
}
