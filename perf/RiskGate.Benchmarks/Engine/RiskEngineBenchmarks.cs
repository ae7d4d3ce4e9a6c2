using BenchmarkDotNet.Attributes;
using RiskGate.Engine;
using RiskGate.Engine.Orders;
using RiskGate.Engine.State;

namespace RiskGate.Benchmarks.Engine;

/// <summary>
/// The engine's message paths over 10,000 accounts and 2,000 instruments (<see cref="RiskEngineBook"/>):
/// a new order accepted through every control and the margin step (IOC, so nothing rests), a GTC order
/// accepted and then cancelled (the cancel's cost is the difference), rejects at the price collar
/// (early) and at the margin step (every control run), and a fill. 0 B expected everywhere. Each
/// benchmark throws when its outcome is not the expected one. Twin: RiskEngineBenchmarkTwinTests.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class RiskEngineBenchmarks
{
    private const uint Account = 5000;
    private const uint Poor = 4000;

    private RiskEngineBook _book = null!;
    private RiskEngine _engine = null!;
    private OrderRequest _accept;
    private OrderRequest _rest;
    private OrderRequest _collar;
    private OrderRequest _margin;
    private uint _future;
    private long _futurePrice;
    private bool _buy;

    [GlobalSetup]
    public void Setup()
    {
        _book = new RiskEngineBook(10_000);
        _engine = _book.Engine;
        var option = RiskEngineBook.OptionId((int)(Account % RiskEngineBook.Groups), 0, 6, true);
        var price = _book.PriceOf(option);
        _accept = _book.Order(Account, option, 1, OrderSide.Buy, 1, price, TimeInForce.ImmediateOrCancel);
        _rest = _book.Order(Account, option, 2, OrderSide.Buy, 1, price, TimeInForce.GoodTillCancel);
        _collar = _book.Order(Account, option, 3, OrderSide.Buy, 1, price * 3, TimeInForce.GoodTillCancel);
        var poorOption = RiskEngineBook.OptionId((int)(Poor % RiskEngineBook.Groups), 0, 6, true);
        var poor = _engine.AccountIndex(Poor);
        var requirement = _engine.Margin!.Requirement(poor);
        var nonCash = requirement.EquityBefore - _engine.Store!.Cash(poor);

        // Equity at maintenance: not margin-called (that would make it reduce-only), no room for more risk.
        _engine.OnCollateral(1, 1, Poor, CollateralAction.Set, Math.Max(0, requirement.MaintenanceBefore - nonCash + 1));
        _margin = _book.Order(Poor, poorOption, 4, OrderSide.Sell, 1000, _book.PriceOf(poorOption), TimeInForce.GoodTillCancel);
        _future = RiskEngineBook.FutureId((int)(Account % RiskEngineBook.Groups), 1);
        _futurePrice = _book.PriceOf(_future);

        Expect(NewOrderAccept(), RejectCode.None);
        Expect(NewOrderRestThenCancel(), RejectCode.None);
        Expect(NewOrderRejectCollar(), RejectCode.PriceOutsideCollar);
        Expect(NewOrderRejectMargin(), RejectCode.InsufficientMargin);
        Expect(Fill(), RejectCode.None);
        Expect(Fill(), RejectCode.None);
    }

    [Benchmark(Baseline = true)]
    public RejectCode NewOrderAccept()
    {
        _accept.Timestamp = ++_book.Time;
        return _engine.OnNewOrder(_accept).Reason;
    }

    [Benchmark]
    public RejectCode NewOrderRestThenCancel()
    {
        _rest.Timestamp = ++_book.Time;
        var reason = _engine.OnNewOrder(_rest).Reason;
        return reason == RejectCode.None ? _engine.OnCancelOrder(0, ++_book.Time, Account, 2, _rest.InstrumentId).Reason : reason;
    }

    [Benchmark]
    public RejectCode NewOrderRejectCollar()
    {
        _collar.Timestamp = ++_book.Time;
        return _engine.OnNewOrder(_collar).Reason;
    }

    [Benchmark]
    public RejectCode NewOrderRejectMargin()
    {
        _margin.Timestamp = ++_book.Time;
        return _engine.OnNewOrder(_margin).Reason;
    }

    [Benchmark]
    public RejectCode Fill()
    {
        _buy = !_buy;
        return _engine.OnFill(0, ++_book.Time, Account, 0, _future, _buy ? OrderSide.Buy : OrderSide.Sell, 1, _futurePrice).Reason;
    }

    private static void Expect(RejectCode actual, RejectCode expected)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException("benchmark path returned " + actual + ", expected " + expected);
        }
    }
}
