using RiskGate.Engine.Checks;
using RiskGate.Engine.Orders;
using RiskGate.Engine.State;
using static RiskGate.Engine.Tests.EngineFixture;

namespace RiskGate.Engine.Tests.Checks;

/// <summary>An order failing every control reports them one at a time, in the documented order, as each is fixed.</summary>
public sealed class RiskEngineControlOrderTests
{
    [Fact]
    public void Check_OrderFailingEveryControl_ReportsFirstInDocumentedOrder()
    {
        var f = new EngineFixture(cash: 0);
        var e = f.Engine;
        Ok(e.OnAccountLimits(f.Seq(), 0, 2, true, OrderLimits.UseDefaults));
        Ok(e.OnCollateral(f.Seq(), 0, 2, CollateralAction.Set, 1e9));
        Ok(f.New(2, EsZ, 42, OrderSide.Buy, 1, 5000)); // the id that will be a duplicate
        Ok(e.OnAccountLimits(f.Seq(), 0, 2, false, OrderLimits.UseDefaults));
        Ok(e.OnInstrumentDefinition(f.Seq(), EsH, RiskGate.Engine.Instruments.InstrumentKind.Future, 0, 0, (long)(0.50 * 365 * 86_400 * 1e9), 0, false, 50, P(0.25), false));
        Ok(e.OnTradingControl(f.Seq(), 0, ControlScope.Account, 2, -1, TradingState.Halted, false));

        // Cash exactly at maintenance of the working order: no margin call (that would turn the account reduce-only), but no room for more.
        Ok(e.OnCollateral(f.Seq(), 0, 2, CollateralAction.Set, e.Margin!.Requirement(e.AccountIndex(2)).MaintenanceBefore));
        Assert.False(e.IsMarginCalled(e.AccountIndex(2)));

        var o = f.Order(99, EsH, 42, (OrderSide)0, 0, 5000.1, (TimeInForce)9, (OrderType)9);
        var strict = OrderLimits.UseDefaults;
        strict.MaxNotional = 1;
        strict.MaxPosition = 0;
        strict.MaxOrdersPerWindow = 0;
        strict.MaxWorkingOrders = 0;

        (Action Fix, RejectCode Expected)[] steps =
        [
            (() => { }, RejectCode.InvalidSide),
            (() => o.Side = OrderSide.Buy, RejectCode.InvalidOrderType),
            (() => o.Type = OrderType.Limit, RejectCode.InvalidTimeInForce),
            (() => { o.TimeInForce = TimeInForce.GoodTillDate; o.ExpireTime = 1; }, RejectCode.OrderExpired),
            (() => o.TimeInForce = TimeInForce.GoodTillCancel, RejectCode.UnknownAccount),
            (() => o.AccountId = 2, RejectCode.AccountDisabled),
            (() => { Ok(e.OnAccountLimits(f.Seq(), 0, 2, true, strict)); o.InstrumentId = 12345; }, RejectCode.UnknownInstrument),
            (() => o.InstrumentId = EsH, RejectCode.InstrumentNotTradable),
            (() => o.InstrumentId = EsZ, RejectCode.TradingHalted),
            (() => Ok(e.OnTradingControl(f.Seq(), 0, ControlScope.Account, 2, -1, TradingState.Active, false)), RejectCode.DuplicateClientOrderId),
            (() => o.ClientOrderId = 43, RejectCode.InvalidQuantity),
            (() => o.Quantity = 101, RejectCode.MaxOrderQuantityExceeded),
            (() => { o.Quantity = 1; o.Price = 0; }, RejectCode.InvalidPrice),
            (() => o.Price = P(5000.1), RejectCode.PriceNotOnTick),
            (() => o.Price = P(9000), RejectCode.PriceOutsideCollar),
            (() => o.Price = P(5000), RejectCode.MaxNotionalExceeded),
            (() => { strict.MaxNotional = -1; Ok(e.OnAccountLimits(f.Seq(), 0, 2, true, strict)); }, RejectCode.PositionLimitExceeded),
            (() => { strict.MaxPosition = -1; Ok(e.OnAccountLimits(f.Seq(), 0, 2, true, strict)); }, RejectCode.ThrottleExceeded),
            (() => { strict.MaxOrdersPerWindow = -1; Ok(e.OnAccountLimits(f.Seq(), 0, 2, true, strict)); }, RejectCode.MaxWorkingOrdersExceeded),
            (() => { strict.MaxWorkingOrders = -1; Ok(e.OnAccountLimits(f.Seq(), 0, 2, true, strict)); }, RejectCode.InsufficientMargin),
            (() => Ok(e.OnCollateral(f.Seq(), 0, 2, CollateralAction.Set, 1e9)), RejectCode.None),
        ];

        foreach (var (fix, expected) in steps)
        {
            fix();
            o.Sequence = f.Seq();
            o.Timestamp = f.Time += 1_000;
            var d = e.OnNewOrder(o);
            Assert.Equal(expected, d.Reason);
            Assert.Equal(o.Sequence, d.Sequence);
        }
    }
}
