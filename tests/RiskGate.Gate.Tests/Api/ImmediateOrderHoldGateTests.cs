using RiskGate.Engine;
using RiskGate.Gate.Api;
using RiskGate.Gate.Pipeline;
using RiskGate.Gate.Tests.Pipeline;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Messages;

namespace RiskGate.Gate.Tests.Api;

/// <summary>
/// <see cref="RiskEngineOptions.ImmediateOrderHoldNanoseconds"/> flows through <see cref="GateOptions.Engine"/>
/// into a <see cref="DirectGate"/>: through the wire codecs and the router, a burst of IOC buys stops at
/// the position limit (500 / 100 = 5) only with the hold, a held id is a duplicate, a cancel and a fill
/// release it, and the rest expire at acceptance engine time + the hold on a heartbeat.
/// </summary>
public sealed class ImmediateOrderHoldGateTests
{
    private const long F = 5000_000_000_000; // group 0's future 100 at 5000 (PRICE9)
    private const uint Future = 100;
    private const ulong T0 = 2_000_000_000; // engine time after Start: a heartbeat at 2 s
    private const long Hold = 5_000_000_000;

    [Theory]
    [InlineData(0L, 10)] // why: off (the default), each IOC is checked for itself: all ten pass
    [InlineData(Hold, 5)] // why: on, held IOCs count toward the position limit of 500
    public void IocBurst_ThroughGate_AcceptsExpectedCount(long hold, int expected)
    {
        var gate = Start(hold);
        var accepted = 0;
        for (var k = 0UL; k < 10; k++)
        {
            var d = gate.Submit(Ioc(1, 100, 1 + k), 0);
            accepted += d.IsAccepted ? 1 : 0;
            Assert.True(d.IsAccepted || d.Reason == RejectReason.PositionLimitExceeded, d.Reason.ToString());
        }

        Assert.Equal(expected, accepted);
    }

    [Fact]
    public void HeldIoc_ThroughGate_DuplicateCancelFillAndExpiry()
    {
        var gate = Start(Hold);
        var e = gate.Engine;
        var a = e.AccountIndex(1);
        for (var k = 0UL; k < 5; k++)
        {
            Assert.True(gate.Submit(Ioc(1, 100, 1 + k), 0).IsAccepted);
        }

        Assert.Equal(RejectReason.DuplicateClientOrderId, gate.Submit(Ioc(1, 1, 1), 0).Reason);

        // The venue's cancel of one remainder and the full fill of another free two hundred lots of the limit.
        Assert.True(gate.Submit(Cancel(1, 1, 900), 0).IsAccepted);
        Assert.True(gate.Submit(Fill(1, 2, 100, 901), 0).IsAccepted);
        Assert.Equal(3, e.Orders.AccountCount(a));
        Assert.True(gate.Submit(Ioc(1, 100, 1), 0).IsAccepted); // the cancelled id, free again
        Assert.Equal(RejectReason.PositionLimitExceeded, gate.Submit(Ioc(1, 1, 6), 0).Reason);

        Assert.True(gate.Submit(Heartbeat(T0 + Hold - 1), 0).IsAccepted);
        Assert.Empty(gate.Alerts.ToArray());
        Assert.Equal(4, e.Orders.AccountCount(a));

        Assert.True(gate.Submit(Heartbeat(T0 + Hold), 0).IsAccepted);
        Assert.Equal(4, gate.Alerts.Length);
        Assert.Equal(0, e.Orders.AccountCount(a));

        // Position 100 (the fill) + 400 passes; the expired holds are gone.
        Assert.True(gate.Submit(Ioc(1, 100, 7), 0).IsAccepted);
        Assert.True(gate.Submit(Ioc(1, 100, 8), 0).IsAccepted);
        Assert.True(gate.Submit(Ioc(1, 100, 9), 0).IsAccepted);
        Assert.True(gate.Submit(Ioc(1, 100, 10), 0).IsAccepted);
        Assert.Equal(RejectReason.PositionLimitExceeded, gate.Submit(Ioc(1, 1, 11), 0).Reason);
    }

    [Fact]
    public void HeldIoc_VenueReportsDone_RemainderReleasedWithThePartialFill()
    {
        var gate = Start(Hold);
        var e = gate.Engine;
        var a = e.AccountIndex(1);
        for (var k = 0UL; k < 5; k++)
        {
            Assert.True(gate.Submit(Ioc(1, 100, 1 + k), 0).IsAccepted); // the position limit of 500 is full
        }

        Assert.True(gate.Submit(Fill(1, 1, 30, 901, leaves: 0, FillAttributes.None), 0).IsAccepted); // done by its leaves
        Assert.True(gate.Submit(Fill(1, 2, 30, 902, leaves: 70, FillAttributes.OrderComplete), 0).IsAccepted); // done by its flag
        Assert.True(gate.Submit(Fill(1, 3, 30, 903, leaves: 70, FillAttributes.None), 0).IsAccepted); // still working at the venue

        Assert.Equal(3, e.Orders.AccountCount(a));
        Assert.Equal(90, e.Store!.Position(a, e.InstrumentIndex(Future)));
        Assert.Equal(270, e.Store!.Working(a, e.InstrumentIndex(Future), Engine.State.OrderSide.Buy)); // 70 + 100 + 100
        Assert.True(gate.Submit(Ioc(1, 100, 6), 0).IsAccepted); // why: 90 + 270 + 140 = 500: the two done remainders gave back 140
        Assert.True(gate.Submit(Ioc(1, 40, 7), 0).IsAccepted);
        Assert.Equal(RejectReason.PositionLimitExceeded, gate.Submit(Ioc(1, 1, 8), 0).Reason);
    }

    // A direct gate with the session's reference data, engine time T0, a pool no larger than one heartbeat's expiry scan.
    private static DirectGate Start(long hold)
    {
        var options = GateSession.Options();
        var gate = new DirectGate(new GateOptions
        {
            Engine = GateSession.EngineOptions(maxWorkingOrders: 64, immediateHold: hold),
            RingSize = options.RingSize,
            ProducerType = options.ProducerType,
            AlertQueueSize = options.AlertQueueSize,
            SweepInterval = options.SweepInterval,
            SweepAccounts = options.SweepAccounts,
        });
        foreach (var (bytes, _) in new GateSession(1).Setup())
        {
            var d = gate.Submit(bytes, 0);
            Assert.True(d.IsAccepted, d.MessageType + " " + d.Reason);
        }

        Assert.True(gate.Submit(Heartbeat(T0), 0).IsAccepted);
        return gate;
    }

    private static byte[] Ioc(uint account, long quantity, ulong id)
    {
        var b = new byte[NewOrderEncoder.Length];
        NewOrderEncoder.Wrap(b).ClientOrderId(id).AccountId(account).InstrumentId(Future).Quantity(quantity).Price(F)
            .Side(Side.Buy).OrderType(OrderType.Limit).TimeInForce(TimeInForce.ImmediateOrCancel).SendingTime(T0).ExpireTime(ulong.MaxValue);
        return b;
    }

    private static byte[] Cancel(uint account, ulong original, ulong id)
    {
        var b = new byte[CancelOrderEncoder.Length];
        CancelOrderEncoder.Wrap(b).ClientOrderId(id).OriginalClientOrderId(original).AccountId(account).InstrumentId(Future).SendingTime(T0);
        return b;
    }

    private static byte[] Fill(uint account, ulong id, long quantity, ulong execId, long leaves, FillAttributes attributes)
    {
        var b = new byte[FillEncoder.Length];
        FillEncoder.Wrap(b).AccountId(account).InstrumentId(Future).ClientOrderId(id).Quantity(quantity).Price(F).Side(Side.Buy)
            .ExecId(execId).TransactTime(T0).LeavesQuantity(leaves).Attributes(attributes);
        return b;
    }

    private static byte[] Fill(uint account, ulong id, long quantity, ulong execId)
    {
        var b = new byte[FillEncoder.Length];
        FillEncoder.Wrap(b).AccountId(account).InstrumentId(Future).ClientOrderId(id).Quantity(quantity).Price(F).Side(Side.Buy)
            .ExecId(execId).TransactTime(T0).LeavesQuantity(0);
        return b;
    }

    private static byte[] Heartbeat(ulong time)
    {
        var b = new byte[HeartbeatEncoder.Length];
        HeartbeatEncoder.Wrap(b).SendingTime(time).Sequence(1);
        return b;
    }
}
