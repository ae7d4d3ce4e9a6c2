using RiskGate.Engine.Checks;
using RiskGate.Engine.Orders;
using RiskGate.Engine.State;
using static RiskGate.Engine.Tests.EngineFixture;

namespace RiskGate.Engine.Tests.Checks;

/// <summary>One table per pre-trade control: accepted at the limit, rejected one step past it.</summary>
public sealed class RiskEngineControlTests
{
    [Theory]
    [InlineData(100, RejectCode.None)] // why: exactly the group default maximum
    [InlineData(101, RejectCode.MaxOrderQuantityExceeded)] // why: one contract past it
    [InlineData(0, RejectCode.InvalidQuantity)] // why: a size must be positive
    [InlineData(-3, RejectCode.InvalidQuantity)] // why: negative sizes are never valid (side carries the sign)
    [InlineData(long.MinValue, RejectCode.InvalidQuantity)] // why: the most negative long must not wrap
    public void Quantity_AgainstMaxOrderQuantity_AcceptsAtLimit(long quantity, RejectCode expected)
    {
        var f = new EngineFixture();
        Assert.Equal(expected, f.New(1, EsZ, 1, OrderSide.Buy, quantity, 5000).Reason);
    }

    [Theory]
    [InlineData(10, RejectCode.None)] // why: 10 × 5000 × 50 = 2.5M, exactly the account's override
    [InlineData(11, RejectCode.MaxNotionalExceeded)] // why: one contract more is 2.75M
    public void Notional_AgainstAccountOverride_AcceptsAtLimit(long quantity, RejectCode expected)
    {
        var f = new EngineFixture();
        var limits = OrderLimits.UseDefaults;
        limits.MaxNotional = 2_500_000;
        Ok(f.Engine.OnAccountLimits(f.Seq(), 0, 1, true, limits));
        Assert.Equal(expected, f.New(1, EsZ, 1, OrderSide.Buy, quantity, 5000).Reason);
    }

    [Theory]
    [InlineData(OrderSide.Buy, 5, RejectCode.None)] // why: position 10 + working buys 5 + 5 = 20, the limit
    [InlineData(OrderSide.Buy, 6, RejectCode.PositionLimitExceeded)] // why: 21 counts same-side working orders
    [InlineData(OrderSide.Sell, 30, RejectCode.None)] // why: 10 − working sells 0 − 30 = −20, the limit on the short side
    [InlineData(OrderSide.Sell, 31, RejectCode.PositionLimitExceeded)] // why: −21; working buys do not offset
    public void Position_WithSameSideWorking_AcceptsAtLimit(OrderSide side, long quantity, RejectCode expected)
    {
        var f = new EngineFixture();
        var limits = OrderLimits.UseDefaults;
        limits.MaxPosition = 20;
        Ok(f.Engine.OnAccountLimits(f.Seq(), 0, 1, true, limits));
        Ok(f.FillOrder(1, 999, EsZ, OrderSide.Buy, 10, 5000));
        Ok(f.New(1, EsZ, 1, OrderSide.Buy, 5, 5000));
        Assert.Equal(expected, f.New(1, EsZ, 2, side, quantity, 5000).Reason);
    }

    [Theory]
    [InlineData(5250.00, RejectCode.None)] // why: mark 5000 + 5% = the upper collar edge
    [InlineData(5250.25, RejectCode.PriceOutsideCollar)] // why: one tick above the edge
    [InlineData(4750.00, RejectCode.None)] // why: the lower edge
    [InlineData(4749.75, RejectCode.PriceOutsideCollar)] // why: one tick below
    [InlineData(5000.10, RejectCode.PriceNotOnTick)] // why: tick is 0.25
    [InlineData(0, RejectCode.InvalidPrice)] // why: prices must be > 0
    [InlineData(-5000, RejectCode.InvalidPrice)] // why: negative prices are refused before the tick test
    public void FuturePrice_AgainstTickAndCollar_AcceptsAtEdges(double price, RejectCode expected)
    {
        var f = new EngineFixture();
        Assert.Equal(expected, f.New(1, EsZ, 1, OrderSide.Buy, 1, price).Reason);
    }

    [Fact]
    public void FuturePrice_ExtremeMantissas_RejectedWithoutOverflow()
    {
        var f = new EngineFixture();
        var order = f.Order(1, EsZ, 1, OrderSide.Buy, 1, 5000);
        order.Price = long.MinValue;
        Assert.Equal(RejectCode.InvalidPrice, f.Engine.OnNewOrder(order).Reason);
        order.Price = long.MaxValue - (long.MaxValue % 250_000_000);
        Assert.Equal(RejectCode.PriceOutsideCollar, f.Engine.OnNewOrder(order).Reason);
    }

    [Theory]
    [InlineData(0, RejectCode.None)] // why: the highest on-tick price inside theoretical value + minimum band
    [InlineData(1, RejectCode.PriceOutsideCollar)] // why: one tick past the minimum band
    public void OptionPrice_AgainstMinimumBand_AcceptsAtEdge(int ticksPast, RejectCode expected)
    {
        var f = new EngineFixture();
        var limits = OrderLimits.UseDefaults;
        limits.CollarFraction = 0.01;
        limits.CollarMinimum = 5;
        Ok(f.Engine.OnAccountLimits(f.Seq(), 0, 1, true, limits));
        var call = f.EsCalls[4]; // 5200 call, theoretical value well under 500, so the 5-point minimum governs
        var reference = f.Reference(call);
        Assert.True(reference is > 1 and < 500);
        var edge = Math.Floor((reference + 5) / 0.05) * 0.05;
        Assert.Equal(expected, f.New(1, call, 1, OrderSide.Buy, 1, edge + ticksPast * 0.05).Reason);
    }

    [Fact]
    public void Throttle_NewOrdersAndCancels_CountedSeparately()
    {
        var limits = DefaultLimits;
        limits.MaxOrdersPerWindow = 5;
        limits.MaxCancelsPerWindow = 3;
        var f = new EngineFixture(limits: limits);
        for (ulong id = 1; id <= 5; id++)
        {
            Ok(f.New(1, EsZ, id, OrderSide.Buy, 1, 5000)); // why: five orders fit the window exactly
        }

        Assert.Equal(RejectCode.ThrottleExceeded, f.New(1, EsZ, 6, OrderSide.Buy, 1, 5000).Reason); // why: the sixth is one past
        for (ulong id = 1; id <= 3; id++)
        {
            Ok(f.Cancel(1, id)); // why: cancels have their own window of three
        }

        Assert.Equal(RejectCode.ThrottleExceeded, f.Cancel(1, 4).Reason); // why: the fourth cancel is one past
        Ok(f.New(2, EsZ, 1, OrderSide.Buy, 1, 5000)); // why: throttles are per account
        f.Time += Second;
        Ok(f.New(1, EsZ, 7, OrderSide.Buy, 1, 5000)); // why: the window slid past the first five
        Ok(f.Cancel(1, 4));
    }

    [Theory]
    [InlineData(3, RejectCode.None)] // why: the third working order reaches the override of three
    [InlineData(4, RejectCode.MaxWorkingOrdersExceeded)] // why: a fourth would exceed it
    public void WorkingOrders_AgainstOverride_AcceptsAtLimit(int orders, RejectCode expected)
    {
        var f = new EngineFixture();
        var limits = OrderLimits.UseDefaults;
        limits.MaxWorkingOrders = 3;
        Ok(f.Engine.OnAccountLimits(f.Seq(), 0, 1, true, limits));
        for (var k = 1; k < orders; k++)
        {
            Ok(f.New(1, EsZ, (ulong)k, OrderSide.Buy, 1, 5000));
        }

        Assert.Equal(expected, f.New(1, EsZ, (ulong)orders, OrderSide.Buy, 1, 5000).Reason);
        Ok(f.New(1, EsZ, 100, OrderSide.Buy, 1, 5000, TimeInForce.ImmediateOrCancel)); // why: IOC does not rest, so it takes no slot
    }

    [Theory]
    [InlineData(0, RejectCode.None)] // why: cash equal to the post-trade initial margin is enough
    [InlineData(1, RejectCode.InsufficientMargin)] // why: one currency unit less is not
    public void Margin_CashAtInitial_AcceptsAtLimit(double shortfall, RejectCode expected)
    {
        var f = new EngineFixture(cash: 0);
        var probe = f.Engine.Margin!.CheckOrder(f.Engine.AccountIndex(1), f.Engine.InstrumentIndex(EsZ), 3, 5000);
        Ok(f.Engine.OnCollateral(f.Seq(), 0, 1, CollateralAction.Set, probe.InitialAfter - shortfall));
        var d = f.New(1, EsZ, 1, OrderSide.Buy, 3, 5000);
        Assert.Equal(expected, d.Reason);
        Assert.Equal(probe.InitialAfter, d.InitialAfter);
        Assert.Equal(0, d.InitialBefore);
    }

    [Fact]
    public void Margin_RiskReducingOrder_PassesUnderMargined()
    {
        var f = new EngineFixture(cash: 1e6);
        Ok(f.FillOrder(1, 0, EsZ, OrderSide.Buy, 40, 5000));
        var maintenance = f.Engine.Margin!.Requirement(f.Engine.AccountIndex(1)).MaintenanceBefore;

        // Between maintenance and initial: no margin call, but under-margined for anything that adds risk.
        Ok(f.Engine.OnCollateral(f.Seq(), 0, 1, CollateralAction.Set, maintenance * 1.05));
        Assert.Equal(RejectCode.InsufficientMargin, f.New(1, EsZ, 1, OrderSide.Buy, 1, 5000).Reason); // why: adds risk
        Ok(f.New(1, EsZ, 2, OrderSide.Sell, 10, 5000)); // why: lowers the requirement
        Ok(f.Engine.OnCollateral(f.Seq(), 0, 1, CollateralAction.Set, maintenance * 0.9));
        Assert.True(f.Engine.IsMarginCalled(f.Engine.AccountIndex(1)));
        Assert.Equal(RejectCode.ReduceOnly, f.New(1, EsZ, 3, OrderSide.Buy, 1, 5000).Reason); // why: a margin call turns the account reduce-only
    }

    [Theory]
    [InlineData(OrderSide.Sell, 6, RejectCode.None)] // why: 10 − 4 working − 6 = 0, flat is not an increase
    [InlineData(OrderSide.Sell, 7, RejectCode.ReduceOnly)] // why: would flip to short −1
    [InlineData(OrderSide.Buy, 1, RejectCode.ReduceOnly)] // why: buying a long increases it
    public void ReduceOnly_CountsSameSideWorking(OrderSide side, long quantity, RejectCode expected)
    {
        var f = new EngineFixture();
        Ok(f.FillOrder(1, 0, EsZ, OrderSide.Buy, 10, 5000));
        Ok(f.New(1, EsZ, 1, OrderSide.Sell, 4, 5000));
        Ok(f.Engine.OnTradingControl(f.Seq(), f.Time, ControlScope.Account, 1, -1, TradingState.ReduceOnly, false));
        Assert.Equal(expected, f.New(1, EsZ, 2, side, quantity, 5000).Reason);
    }

    [Theory]
    [InlineData(ControlScope.Global, 0u, -1)] // why: global halts everyone
    [InlineData(ControlScope.ProductGroup, 0u, 0)] // why: the ES group
    [InlineData(ControlScope.Account, 1u, -1)] // why: account 1 in every group
    [InlineData(ControlScope.AccountProductGroup, 1u, 0)] // why: account 1 in ES only
    public void Halted_EachScope_RejectsUntilActiveAgain(ControlScope scope, uint account, int group)
    {
        var f = new EngineFixture();
        Ok(f.Engine.OnTradingControl(f.Seq(), f.Time, scope, account, group, TradingState.Halted, false));
        Assert.Equal(RejectCode.TradingHalted, f.New(1, EsZ, 1, OrderSide.Buy, 1, 5000).Reason);
        var nq = f.New(1, NqZ, 2, OrderSide.Buy, 1, 18000).Reason;
        Assert.Equal(group >= 0 ? RejectCode.None : RejectCode.TradingHalted, nq);
        var other = f.New(2, EsZ, 3, OrderSide.Buy, 1, 5000).Reason;
        Assert.Equal(account == 0 ? RejectCode.TradingHalted : RejectCode.None, other);
        Ok(f.Engine.OnTradingControl(f.Seq(), f.Time, scope, account, group, TradingState.Active, false));
        Ok(f.New(1, EsZ, 4, OrderSide.Buy, 1, 5000));
    }

    [Fact]
    public void Identity_UnknownDisabledNotTradableExpired_Rejected()
    {
        var f = new EngineFixture();
        Assert.Equal(RejectCode.UnknownAccount, f.New(77, EsZ, 1, OrderSide.Buy, 1, 5000).Reason);
        Assert.Equal(RejectCode.UnknownInstrument, f.New(1, 12345, 1, OrderSide.Buy, 1, 5000).Reason);
        Ok(f.Engine.OnAccountLimits(f.Seq(), 0, 2, false, OrderLimits.UseDefaults));
        Assert.Equal(RejectCode.AccountDisabled, f.New(2, EsZ, 1, OrderSide.Buy, 1, 5000).Reason);
        Ok(f.Engine.OnInstrumentDefinition(f.Seq(), EsH, RiskGate.Engine.Instruments.InstrumentKind.Future, 0, 0, (long)(0.50 * 365 * 86_400 * 1e9), 0, false, 50, P(0.25), false));
        Assert.Equal(RejectCode.InstrumentNotTradable, f.New(1, EsH, 1, OrderSide.Buy, 1, 5050).Reason);
        f.Time = (long)(0.24 * 365 * 86_400 * 1e9) + 1;
        Assert.Equal(RejectCode.InstrumentExpired, f.New(1, f.EsCalls[0], 1, OrderSide.Buy, 1, 100).Reason);
        Ok(f.New(1, EsZ, 1, OrderSide.Buy, 1, 5000)); // why: the future expires later than its options
    }

    [Theory]
    [InlineData(TradingState.Halted)] // why: the kill switch belongs to TradingControl; AccountLimits disables instead
    [InlineData((TradingState)7)] // why: not a state
    public void AccountLimits_StateOtherThanActiveOrReduceOnly_RejectedAndNothingChanges(TradingState state)
    {
        var f = new EngineFixture();
        var limits = OrderLimits.UseDefaults;
        limits.MaxOrderQuantity = 1;
        Assert.Equal(RejectCode.InvalidReferenceData, f.Engine.OnAccountLimits(f.Seq(), 0, 1, false, limits, state).Reason);
        Assert.Equal(RejectCode.InvalidReferenceData, f.Engine.OnAccountLimits(f.Seq(), 0, 99, true, limits, state).Reason);
        Assert.Equal(-1, f.Engine.AccountIndex(99)); // why: a rejected first message registers nothing
        Ok(f.New(1, EsZ, 1, OrderSide.Buy, 2, 5000)); // why: neither the override nor the disable was applied
    }

    [Fact]
    public void AccountLimits_ReduceOnlyThenActive_StateFollowsAndAlertsOnChangeOnly()
    {
        var f = new EngineFixture();
        var a = f.Engine.AccountIndex(1);
        Ok(f.Engine.OnAccountLimits(f.Seq(), 0, 1, true, OrderLimits.UseDefaults, TradingState.ReduceOnly));
        Assert.Equal(TradingState.ReduceOnly, f.Engine.AccountLimitsState(a));
        Assert.Equal(EngineAlertKind.TradingStateChanged, Assert.Single(f.Engine.Alerts.Items.ToArray()).Kind);
        Assert.Equal(RejectCode.ReduceOnly, f.New(1, EsZ, 1, OrderSide.Buy, 1, 5000).Reason);
        Ok(f.Engine.OnAccountLimits(f.Seq(), 0, 1, true, OrderLimits.UseDefaults, TradingState.ReduceOnly));
        Assert.Empty(f.Engine.Alerts.Items.ToArray()); // why: no change, no alert
        Ok(f.Engine.OnAccountLimits(f.Seq(), 0, 1, true, OrderLimits.UseDefaults, TradingState.Active));
        Assert.Equal(TradingState.Active, f.Engine.AccountLimitsState(a));
        Ok(f.New(1, EsZ, 2, OrderSide.Buy, 1, 5000));
    }

    [Fact]
    public void InstrumentState_RedefinedReduceOnlyOrInvalid_AppliedOrRejected()
    {
        var f = new EngineFixture();
        RejectCode Redefine(TradingState state) => f.Engine.OnInstrumentDefinition(f.Seq(), EsZ, RiskGate.Engine.Instruments.InstrumentKind.Future, 0, 0, (long)(0.25 * 365 * 86_400 * 1e9), 0, false, 50, P(0.25), state).Reason;
        Assert.Equal(RejectCode.None, Redefine(TradingState.ReduceOnly));
        Assert.Equal(RejectCode.ReduceOnly, f.New(1, EsZ, 1, OrderSide.Buy, 1, 5000).Reason); // why: a flat account can only open
        Assert.Equal(RejectCode.InvalidReferenceData, Redefine(0)); // why: 0 is the wire null, not a state
        Assert.Equal(RejectCode.ReduceOnly, f.New(1, EsZ, 2, OrderSide.Buy, 1, 5000).Reason); // why: the rejected redefinition changed nothing
        Assert.Equal(RejectCode.None, Redefine(TradingState.Active));
        Ok(f.New(1, EsZ, 3, OrderSide.Buy, 1, 5000));
    }

    [Fact]
    public void Duplicate_WorkingId_RejectedUntilCancelled()
    {
        var f = new EngineFixture();
        Ok(f.New(1, EsZ, 7, OrderSide.Buy, 1, 5000));
        Assert.Equal(RejectCode.DuplicateClientOrderId, f.New(1, EsZ, 7, OrderSide.Sell, 1, 5000).Reason);
        Ok(f.New(2, EsZ, 7, OrderSide.Buy, 1, 5000)); // why: ids are per account
        Ok(f.Cancel(1, 7));
        Ok(f.New(1, EsZ, 7, OrderSide.Buy, 1, 5000)); // why: only working ids are remembered
    }

    [Fact]
    public void Shape_MarketOrdersAndTimeInForce_Validated()
    {
        var f = new EngineFixture();
        Assert.Equal(RejectCode.InvalidTimeInForce, f.Engine.OnNewOrder(f.Order(1, EsZ, 1, OrderSide.Buy, 1, 0, TimeInForce.GoodTillCancel, OrderType.Market)).Reason);
        var marketOrder = f.Order(1, EsZ, 2, OrderSide.Buy, 1, 0, TimeInForce.ImmediateOrCancel, OrderType.Market);
        marketOrder.Price = long.MinValue; // why: a market order carries the null price
        var market = f.Engine.OnNewOrder(marketOrder);
        Ok(market);
        Assert.Equal(0, market.LeavesQuantity);
        Assert.Equal(RejectCode.OrderExpired, f.Engine.OnNewOrder(f.Order(1, EsZ, 3, OrderSide.Buy, 1, 5000, TimeInForce.GoodTillDate, expire: 5)).Reason);
        Assert.Equal(RejectCode.InvalidTimeInForce, f.Engine.OnNewOrder(f.Order(1, EsZ, 4, OrderSide.Buy, 1, 5000, (TimeInForce)9)).Reason);
        Assert.Equal(RejectCode.InvalidSide, f.Engine.OnNewOrder(f.Order(1, EsZ, 5, (OrderSide)0, 1, 5000)).Reason);
        Assert.Equal(RejectCode.InvalidOrderType, f.Engine.OnNewOrder(f.Order(1, EsZ, 6, OrderSide.Buy, 1, 5000, type: (OrderType)7)).Reason);
    }
}
