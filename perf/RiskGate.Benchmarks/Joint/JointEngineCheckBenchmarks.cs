using BenchmarkDotNet.Attributes;
using RiskGate.Engine;
using RiskGate.Engine.Joint;
using RiskGate.Engine.Orders;
using RiskGate.Engine.State;

namespace RiskGate.Benchmarks.Joint;

/// <summary>
/// The incremental Expected Shortfall check through the engine's cached path (<see cref="JointEngineBook"/>,
/// account 1 with positions and a working order in both ES groups): <c>ScanEngineCheck</c> is the same
/// IOC order on the same book with both groups on the scan (baseline); <c>EsEngineCheck</c> the whole
/// <see cref="RiskEngine.OnNewOrder"/> (controls, scan part, ES part); <c>EsMarginStep</c> the ES step
/// alone (<see cref="JointIncrementalMargin.Evaluate"/>: one fused O(N) pass + one O(N) tail selection);
/// <c>EsMarginStepMixed</c> the ES step over a rotation of 8 different orders (futures and options of
/// both groups, buys and sells, 1 to 10 lots: the seeded tail filter misses on the strongly
/// risk-reducing ones, and the figure includes those misses);
/// <c>TickThenCheck</c> a price tick on NQ then the check (re-expansion of the account's cached vectors).
/// 0 B expected. Setup throws when a path does not return its expected outcome. Twin: JointEngineBenchmarkTwinTests.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class JointEngineCheckBenchmarks
{
    private JointEngineBook _book = null!;
    private JointEngineBook _scanBook = null!;
    private RiskEngine _engine = null!;
    private JointIncrementalMargin _joint = null!;
    private OrderRequest _order;
    private OrderRequest _scanOrder;
    private int _account;
    private int _instrument;
    private long _tick;
    private int[] _mixInstrument = null!;
    private long[] _mixQuantity = null!;
    private int _mix;

    /// <summary>Regular joint scenarios in the set (plus one stress).</summary>
    [Params(250, 500, 1000)]
    public int Scenarios { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _book = new JointEngineBook(Scenarios);
        _scanBook = new JointEngineBook(Scenarios, expectedShortfall: false);
        _engine = _book.Engine;
        _joint = _engine.JointMargin!;
        var option = JointEngineBook.NqOption(5, true);
        _order = _book.Order(option, 99, OrderSide.Buy, 1, TimeInForce.ImmediateOrCancel);
        _scanOrder = _scanBook.Order(option, 99, OrderSide.Buy, 1, TimeInForce.ImmediateOrCancel);
        _account = _engine.AccountIndex(JointEngineBook.Account);
        _instrument = _engine.InstrumentIndex(option);
        _mixInstrument = new int[JointEngineBook.MixedOrders.Length];
        _mixQuantity = new long[JointEngineBook.MixedOrders.Length];
        for (var k = 0; k < JointEngineBook.MixedOrders.Length; k++)
        {
            _mixInstrument[k] = _engine.InstrumentIndex(JointEngineBook.MixedOrders[k].Instrument);
            _mixQuantity[k] = JointEngineBook.MixedOrders[k].Quantity;
        }

        Console.WriteLine("// joint storage per account: " + _joint.BytesPerAccount + " B (float64), stride " + _joint.Arrays.ScenarioStride);
        Expect(ScanEngineCheck());
        Expect(EsEngineCheck());
        Expect(TickThenCheck());
        if (!(EsMarginStep() > 0))
        {
            throw new InvalidOperationException("ES step returned no requirement.");
        }

        for (var k = 0; k < JointEngineBook.MixedOrders.Length; k++)
        {
            if (!(EsMarginStepMixed() > 0))
            {
                throw new InvalidOperationException("mixed ES step returned no requirement.");
            }
        }

        var misses = _joint.SeedMisses;
        for (var k = 0; k < JointEngineBook.MixedOrders.Length; k++)
        {
            EsMarginStepMixed();
        }

        Console.WriteLine("// seeded tail filter misses per rotation of " + JointEngineBook.MixedOrders.Length + " mixed orders: " + (_joint.SeedMisses - misses));
    }

    [Benchmark(Baseline = true)]
    public RejectCode ScanEngineCheck()
    {
        _scanOrder.Timestamp = ++_scanBook.Time;
        return _scanBook.Engine.OnNewOrder(_scanOrder).Reason;
    }

    [Benchmark]
    public RejectCode EsEngineCheck()
    {
        _order.Timestamp = ++_book.Time;
        return _engine.OnNewOrder(_order).Reason;
    }

    [Benchmark]
    public double EsMarginStep()
    {
        _joint.Evaluate(_account, _instrument, 1, out _, out var after, out _);
        return after;
    }

    [Benchmark]
    public double EsMarginStepMixed()
    {
        var k = _mix;
        _mix = k == _mixInstrument.Length - 1 ? 0 : k + 1;
        _joint.Evaluate(_account, _mixInstrument[k], _mixQuantity[k], out _, out var after, out _);
        return after;
    }

    [Benchmark]
    public RejectCode TickThenCheck()
    {
        _tick ^= 1;
        _engine.OnMarketPrice(0, ++_book.Time, JointEngineBook.NqZ, JointEngineBook.P(21000 + 0.25 * _tick));
        _order.Timestamp = ++_book.Time;
        return _engine.OnNewOrder(_order).Reason;
    }

    private static void Expect(RejectCode actual)
    {
        if (actual != RejectCode.None)
        {
            throw new InvalidOperationException("benchmark path returned " + actual + ", expected an accept.");
        }
    }
}
