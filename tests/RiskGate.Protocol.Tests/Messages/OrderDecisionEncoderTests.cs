using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;
using RiskGate.Protocol.Tests.Support;

namespace RiskGate.Protocol.Tests.Messages;

public class OrderDecisionEncoderTests
{
    [Fact]
    public void Wrap_FullMessage_BytesPastEncodedLengthUntouched()
    {
        var buffer = new byte[OrderDecisionEncoder.Length + 64];
        buffer.AsSpan().Fill(0xA5);
        var length = OrderDecisionSamples.EncodeFull(buffer);
        Assert.All(buffer.AsSpan(length).ToArray(), b => Assert.Equal(0xA5, b));
    }

    [Fact]
    public void Wrap_ExactBuffer_WritesHeaderOfThisSchema()
    {
        var buffer = new byte[OrderDecisionEncoder.Length];
        var length = OrderDecisionEncoder.Wrap(buffer).EncodedLength;
        Assert.Equal(buffer.Length, length);
        Assert.Equal(OrderDecisionDecoder.BlockLength, MessageHeader.ReadBlockLength(buffer));
        Assert.Equal(OrderDecisionDecoder.TemplateId, MessageHeader.ReadTemplateId(buffer));
        Assert.Equal(ProtocolInfo.SchemaId, MessageHeader.ReadSchemaId(buffer));
        Assert.Equal(ProtocolInfo.SchemaVersion, MessageHeader.ReadVersion(buffer));
        Assert.Equal(FrameStatus.Ok, MessageDispatch.Validate(buffer, out var encodedLength));
        Assert.Equal(length, encodedLength);
    }

    [Fact]
    public void Wrap_BufferOneByteShort_Throws()
    {
        var buffer = new byte[OrderDecisionEncoder.Length - 1];
        Assert.Throws<ArgumentException>(() => OrderDecisionEncoder.Wrap(buffer));
    }

    [Fact]
    public void Wrap_ReusedBuffer_ClearsPreviousMessage()
    {
        var buffer = new byte[OrderDecisionEncoder.Length];
        OrderDecisionSamples.EncodeFull(buffer);
        var length = OrderDecisionSamples.EncodeRequiredOnly(buffer);
        OrderDecisionSamples.AssertNulls(buffer.AsSpan(0, length));
    }
}
