using System.Buffers.Binary;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;
using RiskGate.Protocol.Tests.Support;

namespace RiskGate.Protocol.Tests.Messages;

public class VolSurfaceEncoderTests
{
    [Fact]
    public void Wrap_FullMessage_BytesPastEncodedLengthUntouched()
    {
        var buffer = new byte[VolSurfaceDecoder.MaxEncodedLength + 64];
        buffer.AsSpan().Fill(0xA5);
        var length = VolSurfaceSamples.EncodeFull(buffer);
        Assert.All(buffer.AsSpan(length).ToArray(), b => Assert.Equal(0xA5, b));
    }

    [Fact]
    public void Wrap_ExactBuffer_WritesHeaderOfThisSchema()
    {
        var buffer = new byte[MessageHeader.Length + VolSurfaceDecoder.BlockLength + GroupHeader.Length];
        var length = VolSurfaceEncoder.Wrap(buffer).EncodedLength;
        Assert.Equal(buffer.Length, length);
        Assert.Equal(VolSurfaceDecoder.BlockLength, MessageHeader.ReadBlockLength(buffer));
        Assert.Equal(VolSurfaceDecoder.TemplateId, MessageHeader.ReadTemplateId(buffer));
        Assert.Equal(ProtocolInfo.SchemaId, MessageHeader.ReadSchemaId(buffer));
        Assert.Equal(ProtocolInfo.SchemaVersion, MessageHeader.ReadVersion(buffer));
        Assert.Equal(FrameStatus.Ok, MessageDispatch.Validate(buffer, out var encodedLength));
        Assert.Equal(length, encodedLength);
    }

    [Fact]
    public void Wrap_BufferOneByteShort_Throws()
    {
        var buffer = new byte[MessageHeader.Length + VolSurfaceDecoder.BlockLength + GroupHeader.Length - 1];
        Assert.Throws<ArgumentException>(() => VolSurfaceEncoder.Wrap(buffer));
    }

    [Fact]
    public void Wrap_ReusedBuffer_ClearsPreviousMessage()
    {
        var buffer = new byte[VolSurfaceDecoder.MaxEncodedLength];
        VolSurfaceSamples.EncodeFull(buffer);
        var length = VolSurfaceSamples.EncodeRequiredOnly(buffer);
        VolSurfaceSamples.AssertNulls(buffer.AsSpan(0, length));
    }

    [Fact]
    public void SviA_AnyNaN_WritesCanonicalNullBits()
    {
        var buffer = new byte[VolSurfaceDecoder.MaxEncodedLength];
        var negativeNaN = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_0000_0001));
        VolSurfaceEncoder.Wrap(buffer).SviA(negativeNaN);
        var bits = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(MessageHeader.Length + VolSurfaceDecoder.SviAOffset));
        Assert.Equal(WireNull.DoubleBits, bits);
    }

    [Fact]
    public void BeginGridPoints_CountAboveMaximum_Throws()
    {
        var buffer = new byte[VolSurfaceDecoder.MaxEncodedLength + GroupHeader.Length + 64];
        Assert.Throws<ArgumentOutOfRangeException>(() => VolSurfaceEncoder.Wrap(buffer).BeginGridPoints(VolSurfaceDecoder.MaxGridPointsCount + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => VolSurfaceEncoder.Wrap(buffer).BeginGridPoints(-1));
    }

    [Fact]
    public void BeginGridPoints_BufferTooShort_Throws()
    {
        var buffer = new byte[MessageHeader.Length + VolSurfaceDecoder.BlockLength + GroupHeader.Length + VolSurfaceDecoder.GridPointsEntryLength];
        Assert.Throws<ArgumentException>(() => VolSurfaceEncoder.Wrap(buffer).BeginGridPoints(2));
    }

    [Fact]
    public void GroupEntry_IndexOutOfRange_Throws()
    {
        var buffer = new byte[VolSurfaceDecoder.MaxEncodedLength];
        Assert.Throws<ArgumentOutOfRangeException>(() => VolSurfaceEncoder.Wrap(buffer).BeginGridPoints(2).LogMoneyness(2, 1.0));
        VolSurfaceSamples.EncodeFull(buffer);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            Assert.Equal(FrameStatus.Ok, VolSurfaceDecoder.TryWrap(buffer, out var d));
            return d.GridPoints.LogMoneyness(3);
        });
    }

    [Fact]
    public void EncodedLength_AfterWrap_CountsEmptyGroup()
    {
        var buffer = new byte[VolSurfaceDecoder.MaxEncodedLength];
        Assert.Equal(MessageHeader.Length + VolSurfaceDecoder.BlockLength + GroupHeader.Length, VolSurfaceEncoder.Wrap(buffer).EncodedLength);
    }
}
