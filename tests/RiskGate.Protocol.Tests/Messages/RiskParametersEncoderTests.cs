using System.Buffers.Binary;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;
using RiskGate.Protocol.Tests.Support;

namespace RiskGate.Protocol.Tests.Messages;

public class RiskParametersEncoderTests
{
    [Fact]
    public void Wrap_FullMessage_BytesPastEncodedLengthUntouched()
    {
        var buffer = new byte[RiskParametersDecoder.MaxEncodedLength + 64];
        buffer.AsSpan().Fill(0xA5);
        var length = RiskParametersSamples.EncodeFull(buffer);
        Assert.All(buffer.AsSpan(length).ToArray(), b => Assert.Equal(0xA5, b));
    }

    [Fact]
    public void Wrap_ExactBuffer_WritesHeaderOfThisSchema()
    {
        var buffer = new byte[MessageHeader.Length + RiskParametersDecoder.BlockLength + GroupHeader.Length];
        var length = RiskParametersEncoder.Wrap(buffer).EncodedLength;
        Assert.Equal(buffer.Length, length);
        Assert.Equal(RiskParametersDecoder.BlockLength, MessageHeader.ReadBlockLength(buffer));
        Assert.Equal(RiskParametersDecoder.TemplateId, MessageHeader.ReadTemplateId(buffer));
        Assert.Equal(ProtocolInfo.SchemaId, MessageHeader.ReadSchemaId(buffer));
        Assert.Equal(ProtocolInfo.SchemaVersion, MessageHeader.ReadVersion(buffer));
        Assert.Equal(FrameStatus.Ok, MessageDispatch.Validate(buffer, out var encodedLength));
        Assert.Equal(length, encodedLength);
    }

    [Fact]
    public void Wrap_BufferOneByteShort_Throws()
    {
        var buffer = new byte[MessageHeader.Length + RiskParametersDecoder.BlockLength + GroupHeader.Length - 1];
        Assert.Throws<ArgumentException>(() => RiskParametersEncoder.Wrap(buffer));
    }

    [Fact]
    public void Wrap_ReusedBuffer_ClearsPreviousMessage()
    {
        var buffer = new byte[RiskParametersDecoder.MaxEncodedLength];
        RiskParametersSamples.EncodeFull(buffer);
        var length = RiskParametersSamples.EncodeRequiredOnly(buffer);
        RiskParametersSamples.AssertNulls(buffer.AsSpan(0, length));
    }

    [Fact]
    public void PriceScanRange_AnyNaN_WritesCanonicalNullBits()
    {
        var buffer = new byte[RiskParametersDecoder.MaxEncodedLength];
        var negativeNaN = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_0000_0001));
        RiskParametersEncoder.Wrap(buffer).PriceScanRange(negativeNaN);
        var bits = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(MessageHeader.Length + RiskParametersDecoder.PriceScanRangeOffset));
        Assert.Equal(WireNull.DoubleBits, bits);
    }

    [Fact]
    public void BeginScanPoints_CountAboveMaximum_Throws()
    {
        var buffer = new byte[RiskParametersDecoder.MaxEncodedLength + GroupHeader.Length + 64];
        Assert.Throws<ArgumentOutOfRangeException>(() => RiskParametersEncoder.Wrap(buffer).BeginScanPoints(RiskParametersDecoder.MaxScanPointsCount + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RiskParametersEncoder.Wrap(buffer).BeginScanPoints(-1));
    }

    [Fact]
    public void BeginScanPoints_BufferTooShort_Throws()
    {
        var buffer = new byte[MessageHeader.Length + RiskParametersDecoder.BlockLength + GroupHeader.Length + RiskParametersDecoder.ScanPointsEntryLength];
        Assert.Throws<ArgumentException>(() => RiskParametersEncoder.Wrap(buffer).BeginScanPoints(2));
    }

    [Fact]
    public void GroupEntry_IndexOutOfRange_Throws()
    {
        var buffer = new byte[RiskParametersDecoder.MaxEncodedLength];
        Assert.Throws<ArgumentOutOfRangeException>(() => RiskParametersEncoder.Wrap(buffer).BeginScanPoints(2).PriceMultiple(2, 1.0));
        RiskParametersSamples.EncodeFull(buffer);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            Assert.Equal(FrameStatus.Ok, RiskParametersDecoder.TryWrap(buffer, out var d));
            return d.ScanPoints.PriceMultiple(3);
        });
    }

    [Fact]
    public void EncodedLength_AfterWrap_CountsEmptyGroup()
    {
        var buffer = new byte[RiskParametersDecoder.MaxEncodedLength];
        Assert.Equal(MessageHeader.Length + RiskParametersDecoder.BlockLength + GroupHeader.Length, RiskParametersEncoder.Wrap(buffer).EncodedLength);
    }
}
