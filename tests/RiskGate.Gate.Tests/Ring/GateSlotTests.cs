using RiskGate.Gate.Ring;

namespace RiskGate.Gate.Tests.Ring;

public class GateSlotTests
{
    [Fact]
    public void TryWriteMessage_FitsCapacity_CopiesBytesAndMarksValid()
    {
        var slot = default(GateSlot);
        var message = new byte[GateSlot.MessageCapacity];
        for (var i = 0; i < message.Length; i++)
        {
            message[i] = (byte)(i + 1);
        }

        Assert.True(slot.TryWriteMessage(message, sourceId: 7, receiveTimestampNs: 123));

        Assert.Equal(SlotValidity.Valid, slot.Validity);
        Assert.Equal(GateSlot.MessageCapacity, slot.Length);
        Assert.Equal(7, slot.SourceId);
        Assert.Equal(123, slot.ReceiveTimestampNs);
        Assert.True(slot.MessageSpan.SequenceEqual(message));
    }

    [Fact]
    public void TryWriteMessage_TooLong_MarksInvalidAndLeavesBytes()
    {
        var slot = default(GateSlot);
        Assert.True(slot.TryWriteMessage([1, 2, 3], 1, 1));

        Assert.False(slot.TryWriteMessage(new byte[GateSlot.MessageCapacity + 1], 2, 2));

        Assert.Equal(SlotValidity.Invalid, slot.Validity);
        Assert.Equal(0, slot.Length);
        Assert.True(slot.MessageSpan.IsEmpty);
        Span<byte> bytes = slot.Message;
        Assert.Equal(1, bytes[0]); // nothing was copied
    }

    [Fact]
    public void MessageSpan_LengthOutOfRange_IsEmpty()
    {
        var slot = default(GateSlot);
        slot.Length = GateSlot.MessageCapacity + 1;
        Assert.True(slot.MessageSpan.IsEmpty);
        slot.Length = -1;
        Assert.True(slot.MessageSpan.IsEmpty);
    }

    [Fact]
    public void Default_IsInvalid_FailClosed()
    {
        Assert.Equal(SlotValidity.Invalid, default(GateSlot).Validity);
    }
}
