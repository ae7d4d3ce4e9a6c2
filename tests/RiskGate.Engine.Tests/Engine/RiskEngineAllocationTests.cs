using RiskGate.Engine.Checks;
using RiskGate.Engine.Orders;
using RiskGate.Engine.State;
using static RiskGate.Engine.Tests.EngineFixture;

namespace RiskGate.Engine.Tests;

/// <summary>Every message kind, accepted and rejected, allocates nothing after warm-up (10,000 calls each).</summary>
public sealed class RiskEngineAllocationTests
{
    private const int Calls = 10_000;

    [Fact]
    public void EveryMessageKind_AfterWarmUp_AllocatesNothing()
    {
        var limits = DefaultLimits;
        limits.MaxOrdersPerWindow = 64;
        limits.MaxCancelsPerWindow = 64;
        var f = new EngineFixture(throttleWindow: 1);
        var e = f.Engine;
        var call = f.EsCalls[2];
        var callPrice = Math.Round(f.Reference(call) / 0.05) * 0.05;
        var kinds = new (string Name, Action<int> Run)[]
        {
            ("new+cancel future", k => { e.OnNewOrder(f.Order(1, EsZ, 1, OrderSide.Buy, 2, 5000)); e.OnCancelOrder(f.Seq(), f.Time += 10, 1, 1, EsZ); }),
            ("new+fill+fill option", k => { e.OnNewOrder(f.Order(2, call, 1, OrderSide.Buy, 2, callPrice)); e.OnFill(f.Seq(), f.Time += 10, 2, 1, call, OrderSide.Buy, 1, P(callPrice)); e.OnFill(f.Seq(), f.Time += 10, 2, 1, call, OrderSide.Buy, 1, P(callPrice)); e.OnFill(f.Seq(), f.Time += 10, 2, 0, call, OrderSide.Sell, 2, P(callPrice)); }),
            ("replace", k => { e.OnNewOrder(f.Order(3, EsZ, 5, OrderSide.Sell, 1, 5000)); e.OnReplaceOrder(f.Order(3, EsZ, 6, OrderSide.Sell, 3, 5000.25), 5); e.OnReplaceOrder(f.Order(3, EsZ, 6, OrderSide.Sell, 100, 5000.25), 6); e.OnCancelOrder(f.Seq(), f.Time += 10, 3, 6, EsZ); }),
            ("reject: collar", k => e.OnNewOrder(f.Order(1, EsZ, 9, OrderSide.Buy, 1, 9000))),
            ("reject: unknown account", k => e.OnNewOrder(f.Order(77, EsZ, 9, OrderSide.Buy, 1, 5000))),
            ("reject: margin", k => e.OnNewOrder(f.Order(4, EsZ, 9, OrderSide.Buy, 100, 5000))),
            ("reject: unknown order", k => { e.OnCancelOrder(f.Seq(), f.Time += 10, 1, 12345, EsZ); e.OnReplaceOrder(f.Order(1, EsZ, 9, OrderSide.Buy, 1, 5000), 12345); }),
            ("reject: fail-closed order path", k => { e.OnNewOrder(f.Order(1, EsZ, 11, OrderSide.Buy, 1, 5000)); e.OnCancelOrder(f.Seq(), f.Time += 10, 1, 11, NqZ); e.OnFill(f.Seq(), f.Time, 1, 0, EsZ, OrderSide.Buy, 1, long.MinValue); e.OnReplaceOrder(f.Order(1, EsZ, 12, 0, 1, 5000), 11); e.OnNewOrder(f.Order(1, EsZ, 13, OrderSide.Buy, 1, 5000, TimeInForce.ImmediateOrCancel, OrderType.Market)); e.OnNewOrder(f.Order(1, EsZ, 14, OrderSide.Buy, 1, 5000, TimeInForce.GoodTillDate, expire: -1)); e.OnCancelOrder(f.Seq(), f.Time += 10, 1, 11, EsZ); }),
            ("market data", k => { e.OnMarketPrice(f.Seq(), f.Time += 10, NqZ, P(18000 + (k % 5))); e.OnMarketPrice(f.Seq(), f.Time, 4242, 1); }),
            ("collateral", k => { e.OnCollateral(f.Seq(), f.Time += 10, 1, CollateralAction.Deposit, 1); e.OnCollateral(f.Seq(), f.Time, 1, CollateralAction.Withdraw, 1); e.OnCollateral(f.Seq(), f.Time, 1, CollateralAction.Withdraw, 1e300); }),
            ("limits", k => { e.OnAccountLimits(f.Seq(), f.Time += 10, 1, true, OrderLimits.UseDefaults); e.OnRiskParameters(f.Seq(), 0, limits); }),
            ("trading control", k => { e.OnNewOrder(f.Order(1, NqZ, 2, OrderSide.Buy, 1, 18000)); e.OnTradingControl(f.Seq(), f.Time += 10, ControlScope.AccountProductGroup, 1, 1, TradingState.Halted, true); e.OnTradingControl(f.Seq(), f.Time, ControlScope.AccountProductGroup, 1, 1, TradingState.Active, false); }),
            ("heartbeat+sweep", k => { e.OnHeartbeat(f.Seq(), f.Time += 10); e.Sweep(16); }),
        };
        Ok(e.OnCollateral(f.Seq(), 0, 4, CollateralAction.Set, 1000));

        AssertNoAllocation(kinds);

        Assert.Equal(RejectCode.PriceOutsideCollar, e.OnNewOrder(f.Order(1, EsZ, 9, OrderSide.Buy, 1, 9000)).Reason);
        Assert.Equal(RejectCode.InsufficientMargin, e.OnNewOrder(f.Order(4, EsZ, 9, OrderSide.Buy, 100, 5000)).Reason);

        // The fail-closed row's rejects are the ones it means to time.
        Ok(e.OnNewOrder(f.Order(1, EsZ, 11, OrderSide.Buy, 1, 5000)));
        Assert.Equal(RejectCode.OrderMismatch, e.OnCancelOrder(f.Seq(), f.Time += 10, 1, 11, NqZ).Reason);
        Assert.Equal(RejectCode.InvalidPrice, e.OnFill(f.Seq(), f.Time, 1, 0, EsZ, OrderSide.Buy, 1, long.MinValue).Reason);
        Assert.Equal(RejectCode.InvalidSide, e.OnReplaceOrder(f.Order(1, EsZ, 12, 0, 1, 5000), 11).Reason);
        Assert.Equal(RejectCode.InvalidPrice, e.OnNewOrder(f.Order(1, EsZ, 13, OrderSide.Buy, 1, 5000, TimeInForce.ImmediateOrCancel, OrderType.Market)).Reason);
        Assert.Equal(RejectCode.InvalidTimeInForce, e.OnNewOrder(f.Order(1, EsZ, 14, OrderSide.Buy, 1, 5000, TimeInForce.GoodTillDate, expire: -1)).Reason);
    }

    [Fact]
    public void HeldImmediateOrders_AfterWarmUp_AllocateNothing()
    {
        var f = new EngineFixture(throttleWindow: 1, maxWorkingOrders: 64, immediateHold: 100);
        var e = f.Engine;
        var kinds = new (string Name, Action<int> Run)[]
        {
            ("held IOC: new+duplicate+fill+fill", k => { e.OnNewOrder(f.Order(1, EsZ, 1, OrderSide.Buy, 2, 5000, TimeInForce.ImmediateOrCancel)); e.OnNewOrder(f.Order(1, EsZ, 1, OrderSide.Buy, 2, 5000, TimeInForce.ImmediateOrCancel)); e.OnFill(f.Seq(), f.Time += 10, 1, 1, EsZ, OrderSide.Buy, 1, P(5000)); e.OnFill(f.Seq(), f.Time, 1, 1, EsZ, OrderSide.Buy, 1, P(5000)); e.OnFill(f.Seq(), f.Time, 1, 0, EsZ, OrderSide.Sell, 2, P(5000)); }),
            ("held FOK: new+cancel+replace refused", k => { e.OnNewOrder(f.Order(2, EsZ, 1, OrderSide.Sell, 2, 5000, TimeInForce.FillOrKill)); e.OnReplaceOrder(f.Order(2, EsZ, 2, OrderSide.Sell, 1, 5000), 1); e.OnCancelOrder(f.Seq(), f.Time += 10, 2, 1, EsZ); }),
            ("held IOC: expiry by heartbeat and by touch", k => { e.OnNewOrder(f.Order(3, EsZ, 1, OrderSide.Buy, 2, 5000, TimeInForce.ImmediateOrCancel)); e.OnHeartbeat(f.Seq(), f.Time += 1000); e.OnNewOrder(f.Order(3, EsZ, 2, OrderSide.Buy, 2, 5000, TimeInForce.ImmediateOrCancel)); e.OnMarketPrice(f.Seq(), f.Time += 1000, EsZ, P(5000)); e.OnNewOrder(f.Order(3, EsZ, 2, OrderSide.Buy, 2, 5000, TimeInForce.ImmediateOrCancel)); e.OnFill(f.Seq(), f.Time, 3, 2, EsZ, OrderSide.Buy, 2, P(5000)); e.OnFill(f.Seq(), f.Time, 3, 0, EsZ, OrderSide.Sell, 2, P(5000)); }),
        };

        AssertNoAllocation(kinds);

        // The rows do what they mean to time: the hold works, its duplicate is refused, the expiry alerts.
        Ok(e.OnNewOrder(f.Order(1, EsZ, 1, OrderSide.Buy, 2, 5000, TimeInForce.ImmediateOrCancel)));
        Assert.Equal(RejectCode.DuplicateClientOrderId, e.OnNewOrder(f.Order(1, EsZ, 1, OrderSide.Buy, 2, 5000, TimeInForce.ImmediateOrCancel)).Reason);
        Assert.Equal(1, e.OnFill(f.Seq(), f.Time += 10, 1, 1, EsZ, OrderSide.Buy, 1, P(5000)).LeavesQuantity);
        Ok(e.OnNewOrder(f.Order(2, EsZ, 1, OrderSide.Sell, 2, 5000, TimeInForce.FillOrKill)));
        Assert.Equal(RejectCode.UnknownOrder, e.OnReplaceOrder(f.Order(2, EsZ, 2, OrderSide.Sell, 1, 5000), 1).Reason);
        Ok(e.OnCancelOrder(f.Seq(), f.Time += 10, 2, 1, EsZ));
        Ok(e.OnHeartbeat(f.Seq(), f.Time += 1000));
        Assert.Equal(EngineAlertKind.OrderExpired, e.Alerts.Items[0].Kind);
    }

    // Each row warmed up 200 times, then Calls more runs must not allocate on this thread.
    private static void AssertNoAllocation((string Name, Action<int> Run)[] kinds)
    {
        foreach (var (name, run) in kinds)
        {
            for (var k = 0; k < 200; k++)
            {
                run(k);
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var k = 0; k < Calls; k++)
            {
                run(k);
            }

            Assert.True(GC.GetAllocatedBytesForCurrentThread() == before, name + " allocated");
        }
    }
}
