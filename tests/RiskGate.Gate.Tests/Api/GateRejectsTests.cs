using RiskGate.Gate.Api;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Gate.Tests.Api;

public class GateRejectsTests
{
    [Fact]
    public void EncodeBusy_NewOrder_GateBusyRejectWithTheOrderIdentity()
    {
        var order = new byte[NewOrderEncoder.Length];
        NewOrderEncoder.Wrap(order).ClientOrderId(77).AccountId(5).InstrumentId(100).Quantity(1).Price(1).Side(Side.Buy)
            .OrderType(OrderType.Limit).TimeInForce(TimeInForce.Day).SendingTime(3);
        var output = new byte[OrderDecisionEncoder.Length + 8];
        output.AsSpan().Fill(0xAB);

        var length = GateRejects.EncodeBusy(order, 42, output, out var decision);

        Assert.Equal(OrderDecisionEncoder.Length, length);
        Assert.Equal(RejectReason.GateBusy, decision.Reason);
        Assert.All(output[length..], b => Assert.Equal(0xAB, b)); // nothing written past the message
        Assert.Equal(FrameStatus.Ok, OrderDecisionDecoder.TryWrap(output.AsSpan(0, length), out var wire));
        Assert.Equal(DecisionStatus.Rejected, wire.Status);
        Assert.Equal(RejectReason.GateBusy, wire.RejectReason);
        Assert.Equal(77ul, wire.ClientOrderId);
        Assert.Equal(5u, wire.AccountId);
        Assert.Equal(100u, wire.InstrumentId);
        Assert.Equal(42ul, wire.ReceiveTime);
        Assert.Equal(long.MinValue, wire.InitialMarginAfter);
    }

    [Fact]
    public void EncodeBusy_Garbage_StillARejectNeverAnException()
    {
        var output = new byte[OrderDecisionEncoder.Length];
        var length = GateRejects.EncodeBusy([1, 2, 3], 0, output, out var decision);
        Assert.Equal(OrderDecisionEncoder.Length, length);
        Assert.Equal(RejectReason.GateBusy, decision.Reason);
        Assert.Equal(MessageType.None, decision.MessageType);
    }
}
