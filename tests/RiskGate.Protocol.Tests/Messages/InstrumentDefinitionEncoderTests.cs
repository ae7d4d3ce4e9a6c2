using System.Buffers.Binary;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;
using RiskGate.Protocol.Tests.Support;

namespace RiskGate.Protocol.Tests.Messages;

public class InstrumentDefinitionEncoderTests
{
    [Fact]
    public void Wrap_FullMessage_BytesPastEncodedLengthUntouched()
    {
        var buffer = new byte[InstrumentDefinitionEncoder.Length + 64];
        buffer.AsSpan().Fill(0xA5);
        var length = InstrumentDefinitionSamples.EncodeFull(buffer);
        Assert.All(buffer.AsSpan(length).ToArray(), b => Assert.Equal(0xA5, b));
    }

    [Fact]
    public void Wrap_ExactBuffer_WritesHeaderOfThisSchema()
    {
        var buffer = new byte[InstrumentDefinitionEncoder.Length];
        var length = InstrumentDefinitionEncoder.Wrap(buffer).EncodedLength;
        Assert.Equal(buffer.Length, length);
        Assert.Equal(InstrumentDefinitionDecoder.BlockLength, MessageHeader.ReadBlockLength(buffer));
        Assert.Equal(InstrumentDefinitionDecoder.TemplateId, MessageHeader.ReadTemplateId(buffer));
        Assert.Equal(ProtocolInfo.SchemaId, MessageHeader.ReadSchemaId(buffer));
        Assert.Equal(ProtocolInfo.SchemaVersion, MessageHeader.ReadVersion(buffer));
        Assert.Equal(FrameStatus.Ok, MessageDispatch.Validate(buffer, out var encodedLength));
        Assert.Equal(length, encodedLength);
    }

    [Fact]
    public void Wrap_BufferOneByteShort_Throws()
    {
        var buffer = new byte[InstrumentDefinitionEncoder.Length - 1];
        Assert.Throws<ArgumentException>(() => InstrumentDefinitionEncoder.Wrap(buffer));
    }

    [Fact]
    public void Wrap_ReusedBuffer_ClearsPreviousMessage()
    {
        var buffer = new byte[InstrumentDefinitionEncoder.Length];
        InstrumentDefinitionSamples.EncodeFull(buffer);
        var length = InstrumentDefinitionSamples.EncodeRequiredOnly(buffer);
        InstrumentDefinitionSamples.AssertNulls(buffer.AsSpan(0, length));
    }

    [Fact]
    public void ContractMultiplier_AnyNaN_WritesCanonicalNullBits()
    {
        var buffer = new byte[InstrumentDefinitionEncoder.Length];
        var negativeNaN = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_0000_0001));
        InstrumentDefinitionEncoder.Wrap(buffer).ContractMultiplier(negativeNaN);
        var bits = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(MessageHeader.Length + InstrumentDefinitionDecoder.ContractMultiplierOffset));
        Assert.Equal(WireNull.DoubleBits, bits);
    }

    [Fact]
    public void Symbol_FullLengthText_RoundTripsWithoutPadding()
    {
        var buffer = new byte[InstrumentDefinitionEncoder.Length];
        InstrumentDefinitionEncoder.Wrap(buffer).Symbol("ABCDEFGHIJKLMNOP".AsSpan());
        Assert.Equal(FrameStatus.Ok, InstrumentDefinitionDecoder.TryWrap(buffer, out var d));
        Assert.Equal("ABCDEFGHIJKLMNOP"u8.ToArray(), d.Symbol.ToArray());
    }

    [Fact]
    public void Symbol_ShorterThanField_PaddedWithNul()
    {
        var buffer = new byte[InstrumentDefinitionEncoder.Length];
        buffer.AsSpan().Fill(0xA5);
        InstrumentDefinitionEncoder.Wrap(buffer).Symbol("ES"u8);
        var field = buffer.AsSpan(MessageHeader.Length + InstrumentDefinitionDecoder.SymbolOffset, InstrumentDefinitionDecoder.SymbolLength);
        Assert.Equal("ES"u8.ToArray(), field[..2].ToArray());
        Assert.All(field[2..].ToArray(), b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData("ABCDEFGHIJKLMNOPQ")] // why: one character longer than the field
    [InlineData("ESZ6 é")] // why: not ASCII
    public void Symbol_InvalidText_Throws(string text)
    {
        var buffer = new byte[InstrumentDefinitionEncoder.Length];
        Assert.Throws<ArgumentException>(() => InstrumentDefinitionEncoder.Wrap(buffer).Symbol(text.AsSpan()));
        var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        Assert.Throws<ArgumentException>(() => InstrumentDefinitionEncoder.Wrap(buffer).Symbol(utf8));
    }
}
