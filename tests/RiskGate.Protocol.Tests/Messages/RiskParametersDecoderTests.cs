using System.Buffers.Binary;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;
using RiskGate.Protocol.Tests.Support;

namespace RiskGate.Protocol.Tests.Messages;

public class RiskParametersDecoderTests
{
    [Fact]
    public void TryWrap_FullMessage_EveryFieldRoundTrips()
    {
        var message = Full();
        Assert.Equal(MessageHeader.Length + RiskParametersDecoder.BlockLength + GroupHeader.Length + (3 * RiskParametersDecoder.ScanPointsEntryLength), message.Length);
        RiskParametersSamples.AssertFull(message);
        Assert.Equal(FrameStatus.Ok, RiskParametersDecoder.TryWrap(message, out var d));
        Assert.Equal(message.Length, d.EncodedLength);
        Assert.Equal(RiskParametersDecoder.BlockLength, d.ActingBlockLength);
    }

    [Fact]
    public void TryWrap_OptionalFieldsExplicitlyNull_NullsRoundTrip()
    {
        var buffer = new byte[RiskParametersDecoder.MaxEncodedLength];
        var length = RiskParametersSamples.EncodeExplicitNulls(buffer);
        RiskParametersSamples.AssertNulls(buffer.AsSpan(0, length));
    }

    [Fact]
    public void TryWrap_OptionalFieldsNeverSet_DecodeAsNull()
    {
        var buffer = new byte[RiskParametersDecoder.MaxEncodedLength];
        var length = RiskParametersSamples.EncodeRequiredOnly(buffer);
        RiskParametersSamples.AssertNulls(buffer.AsSpan(0, length));
    }

    [Fact]
    public void TryWrap_LongerBlockFromNewerVersion_DecodesEveryField()
    {
        var longer = WireEdit.ExtendBlock(Full(), 16);
        RiskParametersSamples.AssertFull(longer);
        Assert.Equal(FrameStatus.Ok, RiskParametersDecoder.TryWrap(longer, out var d));
        Assert.Equal(RiskParametersDecoder.BlockLength + 16, d.ActingBlockLength);
        Assert.Equal(longer.Length, d.EncodedLength);
    }

    [Theory]
    [InlineData(1)] // why: one byte short is the tightest violation
    [InlineData(8)] // why: a whole trailing field missing, as an older, shorter block would be
    [InlineData(RiskParametersDecoder.BlockLength)] // why: an empty block
    public void TryWrap_ShorterBlock_ReturnsBlockTooShort(int by)
    {
        var shorter = WireEdit.ShrinkBlock(Full(), by);
        Assert.Equal(FrameStatus.BlockTooShort, RiskParametersDecoder.TryWrap(shorter, out _));
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
        Assert.Equal(FrameStatus.MessageTooShort, RiskParametersDecoder.TryWrap(message.AsSpan(0, MessageHeader.Length + RiskParametersDecoder.BlockLength - 1), out _));
    }

    [Fact]
    public void TryWrap_OtherTemplate_ReturnsTemplateMismatch()
    {
        var message = Full();
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(MessageHeader.TemplateIdOffset), NewOrderDecoder.TemplateId);
        Assert.Equal(FrameStatus.TemplateMismatch, RiskParametersDecoder.TryWrap(message, out _));
    }

    [Theory]
    [InlineData(MessageHeader.SchemaIdOffset, 0x4752, FrameStatus.UnsupportedSchema)] // why: byte-swapped schema id
    [InlineData(MessageHeader.VersionOffset, 0, FrameStatus.UnsupportedVersion)] // why: version 0 was never issued
    public void TryWrap_BadHeader_ReturnsStatus(int offset, int value, FrameStatus expected)
    {
        var message = Full();
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(offset), (ushort)value);
        Assert.Equal(expected, RiskParametersDecoder.TryWrap(message, out _));
    }

    [Fact]
    public void TryWrap_ShorterThanHeader_ReturnsHeaderTooShort()
    {
        Assert.Equal(FrameStatus.HeaderTooShort, RiskParametersDecoder.TryWrap(Full().AsSpan(0, MessageHeader.Length - 1), out _));
    }

    [Fact]
    public void FrameReader_EveryPrefix_IncompleteAndNothingConsumed()
    {
        FrameAssert.EveryPrefixIncomplete(WireEdit.Frame(Full()));
    }

    [Fact]
    public void FrameReader_WholeFrameInAnySegmentation_DecodesEveryField()
    {
        FrameAssert.EverySplitReadsWhole(WireEdit.Frame(Full()), RiskParametersSamples.AssertFull);
    }

    [Fact]
    public void TryWrap_LongerGroupEntriesFromNewerVersion_DecodesEveryField()
    {
        var message = Full();
        var longer = WireEdit.ExtendGroupEntries(message, MessageHeader.Length + RiskParametersDecoder.BlockLength, 8);
        RiskParametersSamples.AssertFull(longer);
        Assert.Equal(FrameStatus.Ok, RiskParametersDecoder.TryWrap(longer, out var d));
        Assert.Equal(RiskParametersDecoder.ScanPointsEntryLength + 8, d.ScanPoints.ActingEntryLength);
    }

    [Fact]
    public void TryWrap_ShorterGroupEntries_ReturnsGroupBlockTooShort()
    {
        var message = Full();
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(MessageHeader.Length + RiskParametersDecoder.BlockLength), RiskParametersDecoder.ScanPointsEntryLength - 1);
        Assert.Equal(FrameStatus.GroupBlockTooShort, RiskParametersDecoder.TryWrap(message, out _));
    }

    [Fact]
    public void TryWrap_GroupCountAboveMaximum_ReturnsGroupCountTooLarge()
    {
        var message = Full();
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(MessageHeader.Length + RiskParametersDecoder.BlockLength + GroupHeader.NumInGroupOffset), RiskParametersDecoder.MaxScanPointsCount + 1);
        Assert.Equal(FrameStatus.GroupCountTooLarge, RiskParametersDecoder.TryWrap(message, out _));
    }

    [Fact]
    public void TryWrap_GroupHeaderMissing_ReturnsMessageTooShort()
    {
        var message = Full().AsSpan(0, MessageHeader.Length + RiskParametersDecoder.BlockLength + GroupHeader.Length - 1);
        Assert.Equal(FrameStatus.MessageTooShort, RiskParametersDecoder.TryWrap(message, out _));
    }

    [Fact]
    public void TryWrap_MaximumGroupCount_RoundTripsEveryEntry()
    {
        var buffer = new byte[RiskParametersDecoder.MaxEncodedLength];
        var encoder = RiskParametersEncoder.Wrap(buffer);
        var g = encoder.BeginScanPoints(RiskParametersDecoder.MaxScanPointsCount);
        for (var i = 0; i < g.Count; i++)
        {
            g.PriceMultiple(i, i + 0.5).VolMultiple(i, i + 1.5).Weight(i, i + 2.5);
        }

        Assert.Equal(RiskParametersDecoder.MaxEncodedLength, encoder.EncodedLength);
        Assert.True(RiskParametersDecoder.MaxEncodedLength + FramingHeader.Length <= ProtocolInfo.DefaultMaxFrameLength);
        Assert.Equal(FrameStatus.Ok, RiskParametersDecoder.TryWrap(buffer, out var d));
        Assert.Equal(RiskParametersDecoder.MaxScanPointsCount, d.ScanPoints.Count);
        for (var i = 0; i < d.ScanPoints.Count; i++)
        {
            Assert.Equal(i + 0.5, d.ScanPoints.PriceMultiple(i));
            Assert.Equal(i + 1.5, d.ScanPoints.VolMultiple(i));
            Assert.Equal(i + 2.5, d.ScanPoints.Weight(i));
        }
    }

    private static byte[] Full()
    {
        var buffer = new byte[RiskParametersDecoder.MaxEncodedLength];
        var length = RiskParametersSamples.EncodeFull(buffer);
        return buffer.AsSpan(0, length).ToArray();
    }
}
