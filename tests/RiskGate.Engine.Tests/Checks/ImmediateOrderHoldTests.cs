using RiskGate.Engine.Checks;
using RiskGate.Engine.Orders;
using RiskGate.Engine.State;
using static RiskGate.Engine.Tests.EngineFixture;

namespace RiskGate.Engine.Tests;

/// <summary>
/// <see cref="RiskEngineOptions.ImmediateOrderHoldNanoseconds"/>: off, an accepted IOC/FOK reserves
/// nothing; on, it works like a resting order until filled, cancelled or expired at acceptance engine
/// time + the hold. Oracles: the limits themselves (500 / 100 = 5 orders), one order's own margin (two
/// futures lots margin twice one lot), and the fills' arithmetic.
/// </summary>
public sealed class ImmediateOrderHoldTests
{
    private const long Hold = 5 * Second;
    private const long Start = 10 * Second;

    [Fact]
    public void Options_NegativeHold_ThrowsNamingTheSetting()
    {
        var f = new EngineFixture(accounts: 1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RiskEngineOptions(f.MarginOptions, f.Limits, 1, 1, 1) { ImmediateOrderHoldNanoseconds = -1 });
        Assert.Equal(nameof(RiskEngineOptions.ImmediateOrderHoldNanoseconds), e.ParamName);
        Assert.Equal(0, new RiskEngineOptions(f.MarginOptions, f.Limits, 1, 1, 1).ImmediateOrderHoldNanoseconds);
    }

    [Theory]
    [InlineData(0L, 10)] // why: regression guard, today's behaviour: each IOC is checked for itself only
    [InlineData(Hold, 5)] // why: held IOCs count with the same-side working orders: position limit 500 / 100 each
    public void IocBurst_PositionLimit500_AcceptsExpectedCount(long hold, int expectedAccepts)
    {
        var f = Started(hold);
        var accepted = 0;
        for (var k = 0; k < 10; k++)
        {
            var d = f.New(1, EsZ, (ulong)(k + 1), OrderSide.Buy, 100, 5000, TimeInForce.ImmediateOrCancel);
            if (d.Accepted)
            {
                accepted++;
            }
            else
            {
                Assert.Equal(RejectCode.PositionLimitExceeded, d.Reason);
            }
        }

        Assert.Equal(expectedAccepts, accepted);
        Assert.Equal(hold > 0 ? 500 : 0, f.Working(1, EsZ, OrderSide.Buy));
        Assert.Equal(hold > 0 ? 5 : 0, f.Engine.Orders.AccountCount(f.Engine.AccountIndex(1)));
    }

    [Theory]
    [InlineData(TimeInForce.ImmediateOrCancel)] // why: IOC
    [InlineData(TimeInForce.FillOrKill)] // why: FOK is held the same way
    public void Held_SellBurst_StopsAtLimitOnTheShortSide(TimeInForce tif)
    {
        var f = Started(Hold);
        for (var k = 0; k < 5; k++)
        {
            Ok(f.New(1, EsZ, (ulong)(k + 1), OrderSide.Sell, 100, 5000, tif));
        }

        Assert.Equal(RejectCode.PositionLimitExceeded, f.New(1, EsZ, 6, OrderSide.Sell, 1, 5000, tif).Reason);

        // The other side is independent: a buy still passes.
        Ok(f.New(1, EsZ, 7, OrderSide.Buy, 100, 5000, tif));
    }

    [Fact]
    public void Held_WorkingOrderCount_CountsHeldImmediates()
    {
        var limits = DefaultLimits;
        limits.MaxWorkingOrders = 3;
        var f = Started(Hold, limits: limits);
        for (var k = 0; k < 3; k++)
        {
            Ok(f.New(1, EsZ, (ulong)(k + 1), OrderSide.Buy, 1, 5000, TimeInForce.ImmediateOrCancel));
        }

        Assert.Equal(RejectCode.MaxWorkingOrdersExceeded, f.New(1, EsZ, 4, OrderSide.Buy, 1, 5000, TimeInForce.ImmediateOrCancel).Reason);
        Assert.Equal(RejectCode.MaxWorkingOrdersExceeded, f.New(1, EsZ, 5, OrderSide.Buy, 1, 5000).Reason);
    }

    [Theory]
    [InlineData(0L, true)] // why: without the hold the second IOC is margined alone and passes
    [InlineData(Hold, false)] // why: with the hold the first IOC's reservation counts: two lots need twice one lot's margin
    public void UnderCollateralised_SecondIoc_InsufficientMarginOnlyWhenHeld(long hold, bool secondAccepted)
    {
        // One lot's initial margin, measured alone on an account with plenty of cash.
        var probe = Started(0);
        var one = probe.New(1, EsZ, 1, OrderSide.Buy, 10, 5000, TimeInForce.ImmediateOrCancel);
        Ok(one);
        Assert.Equal(0, one.InitialBefore);
        Assert.True(one.InitialAfter > 0);

        var f = Started(hold, cash: 1.5 * one.InitialAfter);
        var first = f.New(1, EsZ, 1, OrderSide.Buy, 10, 5000, TimeInForce.ImmediateOrCancel);
        Ok(first);
        Assert.Equal(one.InitialAfter, first.InitialAfter, 6);
        var second = f.New(1, EsZ, 2, OrderSide.Buy, 10, 5000, TimeInForce.ImmediateOrCancel);
        Assert.Equal(secondAccepted, second.Accepted);
        if (!secondAccepted)
        {
            Assert.Equal(RejectCode.InsufficientMargin, second.Reason);

            // A future's scan loss is linear in quantity: the held lot before, both lots after.
            Assert.Equal(one.InitialAfter, second.InitialBefore, 6);
            Assert.Equal(2 * one.InitialAfter, second.InitialAfter, 6);
        }
    }

    [Fact]
    public void Held_NewOrderDecision_ReportsHeldQuantityAsLeaves()
    {
        Assert.Equal(0, Started(0).New(1, EsZ, 1, OrderSide.Buy, 40, 5000, TimeInForce.ImmediateOrCancel).LeavesQuantity);
        Assert.Equal(40, Started(Hold).New(1, EsZ, 1, OrderSide.Buy, 40, 5000, TimeInForce.ImmediateOrCancel).LeavesQuantity);
    }

    [Fact]
    public void Held_PartialThenFullFill_ConvertsExactlyTheFilledPartThenLeaves()
    {
        var f = Started(Hold);
        Ok(f.New(1, EsZ, 1, OrderSide.Buy, 100, 5000, TimeInForce.ImmediateOrCancel));

        var partial = f.FillOrder(1, 1, EsZ, OrderSide.Buy, 30, 5000);
        Ok(partial);
        Assert.Equal(70, partial.LeavesQuantity);
        Assert.Equal(30, f.Position(1, EsZ));
        Assert.Equal(70, f.Working(1, EsZ, OrderSide.Buy));

        // Position 30 + working 70 + 400 = 500 passes; one more lot does not.
        Ok(f.New(1, EsZ, 2, OrderSide.Buy, 100, 5000, TimeInForce.ImmediateOrCancel));
        Ok(f.New(1, EsZ, 3, OrderSide.Buy, 100, 5000, TimeInForce.ImmediateOrCancel));
        Ok(f.New(1, EsZ, 4, OrderSide.Buy, 100, 5000, TimeInForce.ImmediateOrCancel));
        Ok(f.New(1, EsZ, 5, OrderSide.Buy, 100, 5000, TimeInForce.ImmediateOrCancel));
        Assert.Equal(RejectCode.PositionLimitExceeded, f.New(1, EsZ, 6, OrderSide.Buy, 1, 5000, TimeInForce.ImmediateOrCancel).Reason);

        // More than the leaves is refused, nothing booked.
        Assert.Equal(RejectCode.InvalidQuantity, f.FillOrder(1, 1, EsZ, OrderSide.Buy, 71, 5000).Reason);

        var full = f.FillOrder(1, 1, EsZ, OrderSide.Buy, 70, 5000);
        Ok(full);
        Assert.Equal(0, full.LeavesQuantity);
        Assert.Equal(100, f.Position(1, EsZ));
        Assert.Equal(400, f.Working(1, EsZ, OrderSide.Buy));
        Assert.True(f.Engine.Orders.Find(f.Engine.AccountIndex(1), 1) < 0);

        // The id is free again once the order has filled.
        Ok(f.New(1, EsZ, 1, OrderSide.Sell, 1, 5000, TimeInForce.ImmediateOrCancel));
    }

    [Fact]
    public void Held_ExpiresExactlyAtAcceptancePlusHold_OnHeartbeat()
    {
        var f = Started(Hold);
        var a = f.Engine.AccountIndex(1);
        Ok(f.New(1, EsZ, 1, OrderSide.Buy, 100, 5000, TimeInForce.ImmediateOrCancel));
        Assert.Equal(Start + Hold, f.Engine.Orders[f.Engine.Orders.Find(a, 1)].ExpireNanoseconds);

        Ok(f.Engine.OnHeartbeat(f.Seq(), Start + Hold - 1));
        Assert.Equal(0, f.Engine.Alerts.Count);
        Assert.Equal(100, f.Working(1, EsZ, OrderSide.Buy));
        Assert.Equal(RejectCode.DuplicateClientOrderId, f.New(1, EsZ, 1, OrderSide.Buy, 1, 5000).Reason);

        Ok(f.Engine.OnHeartbeat(f.Seq(), Start + Hold));
        Assert.Equal(1, f.Engine.Alerts.Count);
        Assert.Equal(EngineAlertKind.OrderExpired, f.Engine.Alerts.Items[0].Kind);
        Assert.Equal(1UL, f.Engine.Alerts.Items[0].ClientOrderId);
        Assert.Equal(0, f.Working(1, EsZ, OrderSide.Buy));
        Assert.True(f.Engine.Orders.Find(a, 1) < 0);

        // The reservation is gone: the full limit is available again, and the margin before is zero.
        var d = f.New(1, EsZ, 2, OrderSide.Buy, 100, 5000, TimeInForce.ImmediateOrCancel);
        Ok(d);
        Assert.Equal(0, d.InitialBefore);
    }

    [Fact]
    public void Held_AfterExpiry_FillTouchExpiresItAndBooksTheFillDirectly()
    {
        var f = Started(Hold);
        Ok(f.New(1, EsZ, 1, OrderSide.Buy, 100, 5000, TimeInForce.ImmediateOrCancel));

        // Engine time reaches the expiry through market data, which scans nothing: the order is still in the book.
        Ok(f.Engine.OnMarketPrice(f.Seq(), Start + Hold, EsZ, P(5000)));
        Assert.Equal(100, f.Working(1, EsZ, OrderSide.Buy));

        var fill = f.FillOrder(1, 1, EsZ, OrderSide.Buy, 100, 5000);
        Ok(fill);
        Assert.Equal(0, fill.LeavesQuantity);
        Assert.Equal(EngineAlertKind.OrderExpired, f.Engine.Alerts.Items[0].Kind);
        Assert.Equal(100, f.Position(1, EsZ));
        Assert.Equal(0, f.Working(1, EsZ, OrderSide.Buy));
    }

    [Fact]
    public void Held_AfterExpiry_NewOrderWithItsIdExpiresItAndIsAccepted()
    {
        var f = Started(Hold);
        Ok(f.New(1, EsZ, 1, OrderSide.Buy, 100, 5000, TimeInForce.ImmediateOrCancel));
        Ok(f.Engine.OnMarketPrice(f.Seq(), Start + Hold - 1, EsZ, P(5000)));
        Assert.Equal(RejectCode.DuplicateClientOrderId, f.New(1, EsZ, 1, OrderSide.Buy, 100, 5000, TimeInForce.ImmediateOrCancel).Reason);

        Ok(f.Engine.OnMarketPrice(f.Seq(), Start + Hold, EsZ, P(5000)));
        var d = f.New(1, EsZ, 1, OrderSide.Buy, 100, 5000, TimeInForce.ImmediateOrCancel);
        Ok(d);
        Assert.Equal(EngineAlertKind.OrderExpired, f.Engine.Alerts.Items[0].Kind);
        Assert.Equal(0, d.InitialBefore);
        Assert.Equal(100, f.Working(1, EsZ, OrderSide.Buy));
    }

    [Fact]
    public void Held_Cancel_RemovesItAndFreesTheId()
    {
        var f = Started(Hold);
        Ok(f.New(1, EsZ, 1, OrderSide.Buy, 100, 5000, TimeInForce.ImmediateOrCancel));
        Assert.Equal(RejectCode.DuplicateClientOrderId, f.New(1, EsZ, 1, OrderSide.Sell, 5, 5000).Reason);

        var cancel = f.Cancel(1, 1);
        Ok(cancel);
        Assert.True(cancel.InitialBefore > 0);
        Assert.Equal(0, cancel.InitialAfter);
        Assert.Equal(0, f.Working(1, EsZ, OrderSide.Buy));
        Assert.Equal(RejectCode.UnknownOrder, f.Cancel(1, 1, EsZ).Reason);

        Ok(f.New(1, EsZ, 1, OrderSide.Sell, 5, 5000));
    }

    [Fact]
    public void Held_Replace_UnknownOrderAndTheHoldStays()
    {
        var f = Started(Hold);
        Ok(f.New(1, EsZ, 1, OrderSide.Buy, 100, 5000, TimeInForce.ImmediateOrCancel));
        var d = f.Replace(1, EsZ, 1, 2, OrderSide.Buy, 10, 5000);
        Assert.Equal(RejectCode.UnknownOrder, d.Reason);
        Assert.Equal(100, f.Working(1, EsZ, OrderSide.Buy));
        Assert.True(f.Engine.Orders.Find(f.Engine.AccountIndex(1), 1) >= 0);
    }

    [Fact]
    public void HoldOff_Fill_IsBookedWithoutWorkingOrder()
    {
        var f = Started(0);
        Ok(f.New(1, EsZ, 1, OrderSide.Buy, 100, 5000, TimeInForce.ImmediateOrCancel));
        Assert.Equal(0, f.Working(1, EsZ, OrderSide.Buy));
        Ok(f.New(1, EsZ, 1, OrderSide.Buy, 100, 5000, TimeInForce.ImmediateOrCancel));
        Ok(f.FillOrder(1, 1, EsZ, OrderSide.Buy, 100, 5000));
        Assert.Equal(100, f.Position(1, EsZ));
    }

    [Fact]
    public void Held_HugeHold_SaturatesInsteadOfWrapping()
    {
        var f = Started(long.MaxValue);
        var a = f.Engine.AccountIndex(1);
        Ok(f.New(1, EsZ, 1, OrderSide.Buy, 1, 5000, TimeInForce.ImmediateOrCancel));
        Assert.Equal(long.MaxValue, f.Engine.Orders[f.Engine.Orders.Find(a, 1)].ExpireNanoseconds);
        Ok(f.Engine.OnHeartbeat(f.Seq(), Start + (1000 * Second)));
        Assert.Equal(1, f.Working(1, EsZ, OrderSide.Buy));
    }

    // A fixture whose engine time is Start (a heartbeat), so a held order expires at Start + hold; the
    // pool is no larger than one heartbeat's expiry scan, so every heartbeat examines every slot.
    private static EngineFixture Started(long hold, double cash = 1e9, OrderLimits? limits = null)
    {
        var f = new EngineFixture(accounts: 2, cash: cash, limits: limits, maxWorkingOrders: 64, maxExpiryScan: 64, immediateHold: hold);
        Ok(f.Engine.OnHeartbeat(f.Seq(), Start));
        f.Time = Start;
        return f;
    }
}
