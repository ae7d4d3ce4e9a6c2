using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Protocol.Tests.Messages;

public class MessageHeaderTests
{
    [Fact]
    public void Write_Fields_LittleEndianAtDocumentedOffsets()
    {
        var header = new byte[MessageHeader.Length];
        MessageHeader.Write(header, 0x0138, 0x0A0B);
        Assert.Equal(new byte[] { 0x38, 0x01, 0x0B, 0x0A, 0x47, 0x52, 0x01, 0x00 }, header);
        Assert.Equal(0x0138, MessageHeader.ReadBlockLength(header));
        Assert.Equal(0x0A0B, MessageHeader.ReadTemplateId(header));
        Assert.Equal(ProtocolInfo.SchemaId, MessageHeader.ReadSchemaId(header));
        Assert.Equal(ProtocolInfo.SchemaVersion, MessageHeader.ReadVersion(header));
    }

    [Fact]
    public void Check_NewerVersionNumber_Accepted()
    {
        var message = new byte[MessageHeader.Length + 16];
        MessageHeader.Write(message, 16, 21);
        message[MessageHeader.VersionOffset] = 7;
        Assert.Equal(FrameStatus.Ok, MessageHeader.Check(message, 21, 16, out var blockLength));
        Assert.Equal(16, blockLength);
    }

    [Fact]
    public void Check_EmptySpan_HeaderTooShort()
    {
        Assert.Equal(FrameStatus.HeaderTooShort, MessageHeader.Check([], 21, 16, out var blockLength));
        Assert.Equal(0, blockLength);
    }
}
