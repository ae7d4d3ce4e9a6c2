using System.Buffers.Binary;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;
using RiskGate.Protocol.Tests.Support;

namespace RiskGate.Protocol.Tests.Messages;

public class VolSurfaceDecoderTests
{
    [Fact]
    public void TryWrap_FullMessage_EveryFieldRoundTrips()
    {
        var message = Full();
        Assert.Equal(MessageHeader.Length + VolSurfaceDecoder.BlockLength + GroupHeader.Length + (3 * VolSurfaceDecoder.GridPointsEntryLength), message.Length);
        VolSurfaceSamples.AssertFull(message);
        Assert.Equal(FrameStatus.Ok, VolSurfaceDecoder.TryWrap(message, out var d));
        Assert.Equal(message.Length, d.EncodedLength);
        Assert.Equal(VolSurfaceDecoder.BlockLength, d.ActingBlockLength);
    }

    [Fact]
    public void TryWrap_OptionalFieldsExplicitlyNull_NullsRoundTrip()
    {
        var buffer = new byte[VolSurfaceDecoder.MaxEncodedLength];
        var length = VolSurfaceSamples.EncodeExplicitNulls(buffer);
        VolSurfaceSamples.AssertNulls(buffer.AsSpan(0, length));
    }

    [Fact]
    public void TryWrap_OptionalFieldsNeverSet_DecodeAsNull()
    {
        var buffer = new byte[VolSurfaceDecoder.MaxEncodedLength];
        var length = VolSurfaceSamples.EncodeRequiredOnly(buffer);
        VolSurfaceSamples.AssertNulls(buffer.AsSpan(0, length));
    }

    [Fact]
    public void TryWrap_LongerBlockFromNewerVersion_DecodesEveryField()
    {
        var longer = WireEdit.ExtendBlock(Full(), 16);
        VolSurfaceSamples.AssertFull(longer);
        Assert.Equal(FrameStatus.Ok, VolSurfaceDecoder.TryWrap(longer, out var d));
        Assert.Equal(VolSurfaceDecoder.BlockLength + 16, d.ActingBlockLength);
        Assert.Equal(longer.Length, d.EncodedLength);
    }

    [Theory]
    [InlineData(1)] // why: one byte short is the tightest violation
    [InlineData(8)] // why: a whole trailing field missing, as an older, shorter block would be
    [InlineData(VolSurfaceDecoder.BlockLength)] // why: an empty block
    public void TryWrap_ShorterBlock_ReturnsBlockTooShort(int by)
    {
        var shorter = WireEdit.ShrinkBlock(Full(), by);
        Assert.Equal(FrameStatus.BlockTooShort, VolSurfaceDecoder.TryWrap(shorter, out _));
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
        Assert.Equal(FrameStatus.MessageTooShort, VolSurfaceDecoder.TryWrap(message.AsSpan(0, MessageHeader.Length + VolSurfaceDecoder.BlockLength - 1), out _));
    }

    [Fact]
    public void TryWrap_OtherTemplate_ReturnsTemplateMismatch()
    {
        var message = Full();
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(MessageHeader.TemplateIdOffset), NewOrderDecoder.TemplateId);
        Assert.Equal(FrameStatus.TemplateMismatch, VolSurfaceDecoder.TryWrap(message, out _));
    }

    [Theory]
    [InlineData(MessageHeader.SchemaIdOffset, 0x4752, FrameStatus.UnsupportedSchema)] // why: byte-swapped schema id
    [InlineData(MessageHeader.VersionOffset, 0, FrameStatus.UnsupportedVersion)] // why: version 0 was never issued
    public void TryWrap_BadHeader_ReturnsStatus(int offset, int value, FrameStatus expected)
    {
        var message = Full();
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(offset), (ushort)value);
        Assert.Equal(expected, VolSurfaceDecoder.TryWrap(message, out _));
    }

    [Fact]
    public void TryWrap_ShorterThanHeader_ReturnsHeaderTooShort()
    {
        Assert.Equal(FrameStatus.HeaderTooShort, VolSurfaceDecoder.TryWrap(Full().AsSpan(0, MessageHeader.Length - 1), out _));
    }

    [Fact]
    public void FrameReader_EveryPrefix_IncompleteAndNothingConsumed()
    {
        FrameAssert.EveryPrefixIncomplete(WireEdit.Frame(Full()));
    }

    [Fact]
    public void FrameReader_WholeFrameInAnySegmentation_DecodesEveryField()
    {
        FrameAssert.EverySplitReadsWhole(WireEdit.Frame(Full()), VolSurfaceSamples.AssertFull);
    }

    [Fact]
    public void TryWrap_LongerGroupEntriesFromNewerVersion_DecodesEveryField()
    {
        var message = Full();
        var longer = WireEdit.ExtendGroupEntries(message, MessageHeader.Length + VolSurfaceDecoder.BlockLength, 8);
        VolSurfaceSamples.AssertFull(longer);
        Assert.Equal(FrameStatus.Ok, VolSurfaceDecoder.TryWrap(longer, out var d));
        Assert.Equal(VolSurfaceDecoder.GridPointsEntryLength + 8, d.GridPoints.ActingEntryLength);
    }

    [Fact]
    public void TryWrap_ShorterGroupEntries_ReturnsGroupBlockTooShort()
    {
        var message = Full();
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(MessageHeader.Length + VolSurfaceDecoder.BlockLength), VolSurfaceDecoder.GridPointsEntryLength - 1);
        Assert.Equal(FrameStatus.GroupBlockTooShort, VolSurfaceDecoder.TryWrap(message, out _));
    }

    [Fact]
    public void TryWrap_GroupCountAboveMaximum_ReturnsGroupCountTooLarge()
    {
        var message = Full();
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(MessageHeader.Length + VolSurfaceDecoder.BlockLength + GroupHeader.NumInGroupOffset), VolSurfaceDecoder.MaxGridPointsCount + 1);
        Assert.Equal(FrameStatus.GroupCountTooLarge, VolSurfaceDecoder.TryWrap(message, out _));
    }

    [Fact]
    public void TryWrap_GroupHeaderMissing_ReturnsMessageTooShort()
    {
        var message = Full().AsSpan(0, MessageHeader.Length + VolSurfaceDecoder.BlockLength + GroupHeader.Length - 1);
        Assert.Equal(FrameStatus.MessageTooShort, VolSurfaceDecoder.TryWrap(message, out _));
    }

    [Fact]
    public void TryWrap_MaximumGroupCount_RoundTripsEveryEntry()
    {
        var buffer = new byte[VolSurfaceDecoder.MaxEncodedLength];
        var encoder = VolSurfaceEncoder.Wrap(buffer);
        var g = encoder.BeginGridPoints(VolSurfaceDecoder.MaxGridPointsCount);
        for (var i = 0; i < g.Count; i++)
        {
            g.LogMoneyness(i, i + 0.5).Volatility(i, i + 1.5);
        }

        Assert.Equal(VolSurfaceDecoder.MaxEncodedLength, encoder.EncodedLength);
        Assert.True(VolSurfaceDecoder.MaxEncodedLength + FramingHeader.Length <= ProtocolInfo.DefaultMaxFrameLength);
        Assert.Equal(FrameStatus.Ok, VolSurfaceDecoder.TryWrap(buffer, out var d));
        Assert.Equal(VolSurfaceDecoder.MaxGridPointsCount, d.GridPoints.Count);
        for (var i = 0; i < d.GridPoints.Count; i++)
        {
            Assert.Equal(i + 0.5, d.GridPoints.LogMoneyness(i));
            Assert.Equal(i + 1.5, d.GridPoints.Volatility(i));
        }
    }

    private static byte[] Full()
    {
        var buffer = new byte[VolSurfaceDecoder.MaxEncodedLength];
        var length = VolSurfaceSamples.EncodeFull(buffer);
        return buffer.AsSpan(0, length).ToArray();
    }
}
