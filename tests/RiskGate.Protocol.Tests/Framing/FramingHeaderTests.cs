using RiskGate.Protocol.Framing;

namespace RiskGate.Protocol.Tests.Framing;

public class FramingHeaderTests
{
    [Fact]
    public void Write_Length_BigEndianWithSbeEncodingType()
    {
        var header = new byte[FramingHeader.Length];
        FramingHeader.Write(header, 0x0102_0304);
        Assert.Equal(new byte[] { 0x01, 0x02, 0x03, 0x04, 0xEB, 0x50 }, header);
        Assert.Equal(0x0102_0304u, FramingHeader.ReadFrameLength(header));
        Assert.Equal(0xEB50, FramingHeader.ReadEncodingType(header));
    }
}
