using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Protocol.Tests.Messages;

public class GroupHeaderTests
{
    [Fact]
    public void Write_Fields_LittleEndian()
    {
        var header = new byte[GroupHeader.Length];
        GroupHeader.Write(header, 0x0118, 0x0203);
        Assert.Equal(new byte[] { 0x18, 0x01, 0x03, 0x02 }, header);
        Assert.Equal(0x0118, GroupHeader.ReadBlockLength(header));
        Assert.Equal(0x0203, GroupHeader.ReadCount(header));
    }

    [Theory]
    [InlineData(24, 2, 4 + 48, FrameStatus.Ok, 52)] // why: exact fit
    [InlineData(32, 2, 4 + 64, FrameStatus.Ok, 68)] // why: longer entries from a newer version
    [InlineData(24, 2, 4 + 47, FrameStatus.MessageTooShort, 0)] // why: last entry one byte short
    [InlineData(23, 2, 100, FrameStatus.GroupBlockTooShort, 0)] // why: entry shorter than version 1
    [InlineData(24, 129, 10_000, FrameStatus.GroupCountTooLarge, 0)] // why: count above the maximum of 128
    [InlineData(24, 0, 3, FrameStatus.MessageTooShort, 0)] // why: the group header itself is cut
    [InlineData(65535, 65535, 100, FrameStatus.GroupCountTooLarge, 0)] // why: largest u16 values must not overflow
    public void Check_Bounds_ReturnsStatus(int entryLength, int count, int spanLength, FrameStatus expected, int expectedLength)
    {
        var group = new byte[Math.Max(spanLength, GroupHeader.Length)];
        GroupHeader.Write(group, entryLength, (ushort)count);
        Assert.Equal(expected, GroupHeader.Check(group.AsSpan(0, spanLength), 24, 128, out var length));
        Assert.Equal(expectedLength, length);
    }
}
