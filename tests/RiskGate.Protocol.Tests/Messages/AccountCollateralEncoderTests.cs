using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;
using RiskGate.Protocol.Tests.Support;

namespace RiskGate.Protocol.Tests.Messages;

public class AccountCollateralEncoderTests
{
    [Fact]
    public void Wrap_FullMessage_BytesPastEncodedLengthUntouched()
    {
        var buffer = new byte[AccountCollateralEncoder.Length + 64];
        buffer.AsSpan().Fill(0xA5);
        var length = AccountCollateralSamples.EncodeFull(buffer);
        Assert.All(buffer.AsSpan(length).ToArray(), b => Assert.Equal(0xA5, b));
    }

    [Fact]
    public void Wrap_ExactBuffer_WritesHeaderOfThisSchema()
    {
        var buffer = new byte[AccountCollateralEncoder.Length];
        var length = AccountCollateralEncoder.Wrap(buffer).EncodedLength;
        Assert.Equal(buffer.Length, length);
        Assert.Equal(AccountCollateralDecoder.BlockLength, MessageHeader.ReadBlockLength(buffer));
        Assert.Equal(AccountCollateralDecoder.TemplateId, MessageHeader.ReadTemplateId(buffer));
        Assert.Equal(ProtocolInfo.SchemaId, MessageHeader.ReadSchemaId(buffer));
        Assert.Equal(ProtocolInfo.SchemaVersion, MessageHeader.ReadVersion(buffer));
        Assert.Equal(FrameStatus.Ok, MessageDispatch.Validate(buffer, out var encodedLength));
        Assert.Equal(length, encodedLength);
    }

    [Fact]
    public void Wrap_BufferOneByteShort_Throws()
    {
        var buffer = new byte[AccountCollateralEncoder.Length - 1];
        Assert.Throws<ArgumentException>(() => AccountCollateralEncoder.Wrap(buffer));
    }

    [Fact]
    public void Wrap_ReusedBuffer_ClearsPreviousMessage()
    {
        var buffer = new byte[AccountCollateralEncoder.Length];
        AccountCollateralSamples.EncodeFull(buffer);
        var length = AccountCollateralSamples.EncodeRequiredOnly(buffer);
        AccountCollateralSamples.AssertNulls(buffer.AsSpan(0, length));
    }
}
