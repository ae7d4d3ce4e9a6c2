using RiskGate.Engine.Checks;
using RiskGate.Engine.Orders;
using RiskGate.Engine.State;
using static RiskGate.Engine.Tests.EngineFixture;

namespace RiskGate.Engine.Tests.Orders;

/// <summary>New, partial fills, cancel, replace, kill switch and expiry through <see cref="RiskEngine"/>.</summary>
public sealed class OrderLifecycleTests
{
    [Fact]
    public void PartialFills_ThenCancel_ConvertAndRelease()
    {
        var f = new EngineFixture();
        var d = f.New(1, EsZ, 1, OrderSide.Buy, 10, 5000);
        Ok(d);
        Assert.Equal(10, d.LeavesQuantity);
        Assert.Equal(10, f.Working(1, EsZ, OrderSide.Buy));

        var fill = f.FillOrder(1, 1, EsZ, OrderSide.Buy, 3, 4999.75);
        Ok(fill);
        Assert.Equal(7, fill.LeavesQuantity);
        Assert.Equal(3, f.Position(1, EsZ));
        Assert.Equal(7, f.Working(1, EsZ, OrderSide.Buy));

        Assert.Equal(RejectCode.InvalidQuantity, f.FillOrder(1, 1, EsZ, OrderSide.Buy, 8, 5000).Reason); // overfill
        Assert.Equal(RejectCode.OrderMismatch, f.FillOrder(1, 1, EsZ, OrderSide.Sell, 1, 5000).Reason);
        Ok(f.FillOrder(1, 1, EsZ, OrderSide.Buy, 4, 5000));
        Assert.Equal(7, f.Position(1, EsZ));
        Assert.Equal(3, f.Working(1, EsZ, OrderSide.Buy));

        var cancel = f.Cancel(1, 1);
        Ok(cancel);
        Assert.True(cancel.InitialAfter < cancel.InitialBefore);
        Assert.Equal(0, f.Working(1, EsZ, OrderSide.Buy));
        Assert.Equal(7, f.Position(1, EsZ));
        Assert.Equal(RejectCode.UnknownOrder, f.Cancel(1, 1).Reason);
        Assert.Equal(0, f.Engine.Orders.Count);
    }

    [Fact]
    public void FullFill_OptionPremium_MovesCashAndFreesTheOrder()
    {
        var f = new EngineFixture();
        var call = f.EsCalls[2];
        var price = Math.Round(f.Reference(call) / 0.05) * 0.05;
        Ok(f.New(1, call, 5, OrderSide.Buy, 2, price));
        var cash = f.Engine.Store!.Cash(f.Engine.AccountIndex(1));
        var fill = f.FillOrder(1, 5, call, OrderSide.Buy, 2, price);
        Ok(fill);
        Assert.Equal(0, fill.LeavesQuantity);
        Assert.Equal(cash - (2 * P(price) * 1e-9 * 50), f.Engine.Store.Cash(f.Engine.AccountIndex(1)), 6);
        Assert.Equal(2, f.Position(1, call));
        Assert.Equal(-1, f.Engine.Orders.Find(f.Engine.AccountIndex(1), 5));
    }

    [Fact]
    public void Fill_WithoutWorkingOrder_AppliedAsTrade()
    {
        var f = new EngineFixture();
        Ok(f.Engine.OnNewOrder(f.Order(1, EsZ, 9, OrderSide.Sell, 4, 5000, TimeInForce.FillOrKill)));
        Assert.Equal(0, f.Working(1, EsZ, OrderSide.Sell)); // FOK does not rest
        Ok(f.FillOrder(1, 9, EsZ, OrderSide.Sell, 4, 5000));
        Assert.Equal(-4, f.Position(1, EsZ));
        Assert.Equal(RejectCode.UnknownAccount, f.FillOrder(55, 9, EsZ, OrderSide.Sell, 4, 5000).Reason);
        Assert.Equal(RejectCode.UnknownInstrument, f.FillOrder(1, 9, 4242, OrderSide.Sell, 4, 5000).Reason);
    }

    [Fact]
    public void Replace_UpAndDown_MovesTheReservation()
    {
        var f = new EngineFixture();
        Ok(f.New(1, EsZ, 1, OrderSide.Buy, 10, 5000));
        var before = f.Engine.Margin!.Requirement(f.Engine.AccountIndex(1)).InitialBefore;
        Ok(f.Replace(1, EsZ, 1, 2, OrderSide.Buy, 15, 4999.5));
        Assert.Equal(15, f.Working(1, EsZ, OrderSide.Buy));
        Assert.True(f.Engine.Margin.Requirement(f.Engine.AccountIndex(1)).InitialBefore > before);
        Assert.Equal(RejectCode.UnknownOrder, f.Cancel(1, 1).Reason);
        var slot = f.Engine.Orders.Find(f.Engine.AccountIndex(1), 2);
        Assert.Equal(P(4999.5), f.Engine.Orders[slot].Price);

        Ok(f.Replace(1, EsZ, 2, 2, OrderSide.Buy, 4, 5000)); // same id, down
        Assert.Equal(4, f.Working(1, EsZ, OrderSide.Buy));
        Assert.Equal(1, f.Engine.Orders.Count);
        Assert.Equal(RejectCode.OrderMismatch, f.Replace(1, NqZ, 2, 3, OrderSide.Buy, 4, 18000).Reason);
        Assert.Equal(RejectCode.OrderMismatch, f.Replace(1, EsZ, 2, 3, OrderSide.Sell, 4, 5000).Reason);
        Assert.Equal(RejectCode.UnknownOrder, f.Replace(1, EsZ, 77, 3, OrderSide.Buy, 4, 5000).Reason);
    }

    [Fact]
    public void Replace_RejectedForMargin_LeavesOldOrderIntact()
    {
        var f = new EngineFixture(cash: 0);
        var a = f.Engine.AccountIndex(1);
        var need = f.Engine.Margin!.CheckOrder(a, f.Engine.InstrumentIndex(EsZ), 10, 5000).InitialAfter;
        Ok(f.Engine.OnCollateral(f.Seq(), 0, 1, CollateralAction.Set, need * 1.5));
        Ok(f.New(1, EsZ, 1, OrderSide.Buy, 10, 5000));
        var before = f.Engine.Margin.Requirement(a);

        var d = f.Replace(1, EsZ, 1, 2, OrderSide.Buy, 30, 5000);
        Assert.Equal(RejectCode.InsufficientMargin, d.Reason);
        Assert.Equal(10, d.LeavesQuantity);
        Assert.Equal(10, f.Working(1, EsZ, OrderSide.Buy));
        var slot = f.Engine.Orders.Find(a, 1);
        Assert.True(slot >= 0);
        Assert.Equal(10, f.Engine.Orders[slot].Leaves);
        Assert.Equal(-1, f.Engine.Orders.Find(a, 2));
        var after = f.Engine.Margin.Requirement(a);
        Assert.Equal(before.MaintenanceBefore, after.MaintenanceBefore, 6);
        Assert.Equal(before.InitialBefore, after.InitialBefore);

        // The same replace down passes: checked as if the old order were gone.
        Ok(f.Replace(1, EsZ, 1, 2, OrderSide.Buy, 12, 5000));
        Assert.Equal(12, f.Working(1, EsZ, OrderSide.Buy));
    }

    [Theory]
    [InlineData(ControlScope.Global, 0u, -1, new ulong[] { 11, 12, 21, 22 })] // why: everyone's orders
    [InlineData(ControlScope.ProductGroup, 0u, 0, new ulong[] { 11, 21 })] // why: ES orders of every account
    [InlineData(ControlScope.Account, 1u, -1, new ulong[] { 11, 12 })] // why: account 1 in every group
    [InlineData(ControlScope.AccountProductGroup, 1u, 1, new ulong[] { 12 })] // why: account 1 in NQ only
    public void KillSwitch_EachScope_CancelsExactlyThatScope(ControlScope scope, uint account, int group, ulong[] cancelled)
    {
        var f = new EngineFixture();
        Ok(f.New(1, EsZ, 11, OrderSide.Buy, 1, 5000));
        Ok(f.New(1, NqZ, 12, OrderSide.Sell, 1, 18000));
        Ok(f.New(2, EsZ, 21, OrderSide.Sell, 2, 5000));
        Ok(f.New(2, NqZ, 22, OrderSide.Buy, 2, 18000));

        Ok(f.Engine.OnTradingControl(f.Seq(), f.Time, scope, account, group, TradingState.Halted, true));
        var reported = new List<ulong>();
        foreach (var alert in f.Engine.Alerts.Items)
        {
            if (alert.Kind == EngineAlertKind.OrdersCancelledByKillSwitch)
            {
                reported.Add(alert.ClientOrderId);
            }
        }

        Assert.Equal(cancelled.Order(), reported.Order());
        Assert.Equal(EngineAlertKind.TradingStateChanged, f.Engine.Alerts.Items[0].Kind);
        foreach (var (acct, id) in new[] { (1u, 11ul), (1u, 12ul), (2u, 21ul), (2u, 22ul) })
        {
            var working = f.Engine.Orders.Find(f.Engine.AccountIndex(acct), id) >= 0;
            Assert.Equal(!cancelled.Contains(id), working);
        }

        Assert.Equal(4 - cancelled.Length, f.Engine.Orders.Count);
        Assert.Equal(RejectCode.TradingHalted, f.New(1, group == 1 ? NqZ : EsZ, 99, OrderSide.Buy, 1, group == 1 ? 18000 : 5000).Reason);
    }

    [Fact]
    public void KillSwitch_MoreCancelsThanAlertSpace_CancelsAllAndCountsDropped()
    {
        var f = new EngineFixture(alertCapacity: 3);
        for (ulong id = 1; id <= 5; id++)
        {
            Ok(f.New(1, EsZ, id, OrderSide.Buy, 1, 5000));
        }

        Ok(f.Engine.OnTradingControl(f.Seq(), f.Time, ControlScope.Account, 1, -1, TradingState.Halted, true));
        Assert.Equal(0, f.Engine.Orders.Count);
        Assert.Equal(3, f.Engine.Alerts.Count);
        Assert.Equal(3, f.Engine.Alerts.Dropped); // one state change + five cancels = six alerts in a buffer of three
    }

    [Fact]
    public void Expiry_GtdAndDay_ExpireOnHeartbeatAndOnTouch()
    {
        var f = new EngineFixture(sessionEnd: 50 * Second);
        Ok(f.Engine.OnNewOrder(f.Order(1, EsZ, 1, OrderSide.Buy, 1, 5000, TimeInForce.GoodTillDate, expire: 10 * Second)));
        Ok(f.Engine.OnNewOrder(f.Order(1, EsZ, 2, OrderSide.Buy, 1, 5000, TimeInForce.Day)));
        Ok(f.Engine.OnNewOrder(f.Order(1, EsZ, 3, OrderSide.Buy, 1, 5000)));
        Ok(f.Engine.OnHeartbeat(f.Seq(), 10 * Second));
        Assert.Single(f.Engine.Alerts.Items.ToArray(), x => x.Kind == EngineAlertKind.OrderExpired && x.ClientOrderId == 1);
        Assert.Equal(2, f.Working(1, EsZ, OrderSide.Buy));

        Ok(f.Engine.OnMarketPrice(f.Seq(), 50 * Second, EsZ, P(5000))); // engine time moves on a time source, without a scan
        f.Time = 50 * Second;
        Assert.Equal(RejectCode.UnknownOrder, f.Cancel(1, 2, EsZ).Reason); // expired on touch
        Assert.Equal(EngineAlertKind.OrderExpired, f.Engine.Alerts.Items[0].Kind);
        Assert.Equal(1, f.Working(1, EsZ, OrderSide.Buy));
        Ok(f.Cancel(1, 3)); // GTC stays
    }

    [Fact]
    public void MarginCall_OnMarketMove_AlertsAndClears()
    {
        var f = new EngineFixture(cash: 1e6);
        var a = f.Engine.AccountIndex(1);
        Ok(f.FillOrder(1, 0, EsZ, OrderSide.Buy, 10, 5000));
        var maintenance = f.Engine.Margin!.Requirement(a).MaintenanceBefore;
        Ok(f.Engine.OnCollateral(f.Seq(), f.Time, 1, CollateralAction.Set, maintenance * 1.05));
        Assert.Equal(0, f.Engine.Alerts.Count);

        // A 0.5-point drop costs 10 × 50 × 0.5 = 250 of equity: enough to fall below maintenance.
        Ok(f.Engine.OnMarketPrice(f.Seq(), f.Time, EsZ, P(5000 - (maintenance * 0.1 / 500))));
        Assert.Equal(1, f.Engine.Sweep(100));
        Assert.Contains(f.Engine.Alerts.Items.ToArray(), x => x.Kind == EngineAlertKind.MarginCall && x.AccountId == 1);
        Assert.True(f.Engine.IsMarginCalled(a));

        Ok(f.Engine.OnMarketPrice(f.Seq(), f.Time, EsZ, P(4000)));
        f.Engine.Sweep(100);
        Assert.Contains(f.Engine.Alerts.Items.ToArray(), x => x.Kind == EngineAlertKind.LiquidationWarning);

        var deposit = f.Engine.OnCollateral(f.Seq(), f.Time, 1, CollateralAction.Deposit, 1e8);
        Ok(deposit);
        Assert.Contains(f.Engine.Alerts.Items.ToArray(), x => x.Kind == EngineAlertKind.MarginCallCleared);
        Assert.False(f.Engine.IsMarginCalled(a));
    }

    [Fact]
    public void Collateral_WithdrawBeyondExcess_Rejected()
    {
        var f = new EngineFixture(cash: 1e6);
        Ok(f.FillOrder(1, 0, EsZ, OrderSide.Buy, 10, 5000));
        var r = f.Engine.Margin!.Requirement(f.Engine.AccountIndex(1));
        var excess = r.EquityBefore - r.InitialBefore;
        Assert.Equal(RejectCode.WithdrawalExceedsExcess, f.Engine.OnCollateral(f.Seq(), f.Time, 1, CollateralAction.Withdraw, excess + 1).Reason);
        var d = f.Engine.OnCollateral(f.Seq(), f.Time, 1, CollateralAction.Withdraw, excess);
        Ok(d);
        Assert.Equal(0, d.Excess, 6);
        Assert.Equal(RejectCode.InvalidCollateral, f.Engine.OnCollateral(f.Seq(), f.Time, 1, CollateralAction.Deposit, -1).Reason);
        Assert.Equal(RejectCode.InvalidCollateral, f.Engine.OnCollateral(f.Seq(), f.Time, 1, CollateralAction.Set, double.NaN).Reason);
        Assert.Equal(RejectCode.InvalidCollateral, f.Engine.OnCollateral(f.Seq(), f.Time, 1, (CollateralAction)9, 5).Reason);
        Assert.Equal(RejectCode.UnknownAccount, f.Engine.OnCollateral(f.Seq(), f.Time, 42, CollateralAction.Deposit, 5).Reason);
    }
}
