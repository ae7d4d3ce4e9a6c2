using System.Runtime.CompilerServices;
using RiskGate.Gate.Ring;

namespace RiskGate.Gate.Tests.Ring;

public class LayoutTests
{
    [Fact]
    public void PaddedLong_Layout_ValueHas128BytesEachSide()
    {
        var padded = default(PaddedLong);
        var offset = Unsafe.ByteOffset(ref Unsafe.As<PaddedLong, byte>(ref padded), ref Unsafe.As<long, byte>(ref padded.Value));

        Assert.Equal(264, Unsafe.SizeOf<PaddedLong>());
        Assert.Equal(PaddedLong.ValueOffset, (int)offset);
        Assert.Equal(128, (int)offset);
        Assert.Equal(128, Unsafe.SizeOf<PaddedLong>() - (int)offset - sizeof(long));
    }

    [Fact]
    public void GateSlot_Layout_SizeIsPinnedMultipleOf32()
    {
        Assert.Equal(160, Unsafe.SizeOf<GateSlot>());
        Assert.Equal(GateSlot.Size, Unsafe.SizeOf<GateSlot>());
        Assert.Equal(0, Unsafe.SizeOf<GateSlot>() % 32);
        Assert.True(Unsafe.SizeOf<GateSlot>() <= 192);
        Assert.Equal(96, GateSlot.MessageCapacity);
        Assert.Equal(GateSlot.MessageCapacity, Unsafe.SizeOf<GateMessageBuffer>());
    }

    [Theory]
    [InlineData("Message", 0)] // the message starts the slot so its first 64 bytes share the first cache line
    [InlineData("ReceiveTimestampNs", 96)] // metadata right after the 96-byte message
    [InlineData("SourceId", 104)]
    [InlineData("Length", 112)]
    [InlineData("Validity", 116)]
    [InlineData("DecisionStatus", 118)] // u16, aligned
    [InlineData("InitialMarginBefore", 120)] // decision area, 8-byte aligned
    [InlineData("InitialMarginAfter", 128)]
    [InlineData("Equity", 136)]
    [InlineData("Excess", 144)]
    [InlineData("DecisionSequence", 152)] // last field ends exactly at 160
    public void GateSlot_FieldOffset_IsPinned(string field, int expected)
    {
        var slot = default(GateSlot);
        Assert.Equal(expected, OffsetOf(ref slot, field));
    }

    private static int OffsetOf(ref GateSlot slot, string field)
    {
        ref var start = ref Unsafe.As<GateSlot, byte>(ref slot);
        return field switch
        {
            "Message" => Offset(ref start, ref Unsafe.As<GateMessageBuffer, byte>(ref slot.Message)),
            "ReceiveTimestampNs" => Offset(ref start, ref Unsafe.As<long, byte>(ref slot.ReceiveTimestampNs)),
            "SourceId" => Offset(ref start, ref Unsafe.As<long, byte>(ref slot.SourceId)),
            "Length" => Offset(ref start, ref Unsafe.As<int, byte>(ref slot.Length)),
            "Validity" => Offset(ref start, ref Unsafe.As<SlotValidity, byte>(ref slot.Validity)),
            "DecisionStatus" => Offset(ref start, ref Unsafe.As<ushort, byte>(ref slot.DecisionStatus)),
            "InitialMarginBefore" => Offset(ref start, ref Unsafe.As<long, byte>(ref slot.InitialMarginBefore)),
            "InitialMarginAfter" => Offset(ref start, ref Unsafe.As<long, byte>(ref slot.InitialMarginAfter)),
            "Equity" => Offset(ref start, ref Unsafe.As<long, byte>(ref slot.Equity)),
            "Excess" => Offset(ref start, ref Unsafe.As<long, byte>(ref slot.Excess)),
            "DecisionSequence" => Offset(ref start, ref Unsafe.As<long, byte>(ref slot.DecisionSequence)),
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
    }

    private static int Offset(ref byte start, ref byte target) => (int)Unsafe.ByteOffset(ref start, ref target);
}
