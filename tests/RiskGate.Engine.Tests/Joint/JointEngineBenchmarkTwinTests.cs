using RiskGate.Benchmarks.Joint;
using RiskGate.Engine.Joint;
using RiskGate.Engine.Orders;
using RiskGate.Engine.State;

namespace RiskGate.Engine.Tests.Joint;

/// <summary>
/// Twin of perf/RiskGate.Benchmarks/Joint/JointEngineCheckBenchmarks: the same book and orders; each
/// benchmarked path returns its expected outcome, the ES step equals full revaluation at the anchor
/// and moves by the expansion after a tick, and nothing allocates.
/// </summary>
public class JointEngineBenchmarkTwinTests
{
    [Theory]
    [InlineData(250)] // why: the smallest benchmarked set
    [InlineData(500)] // why: the budgeted size (≤ 1 µs median)
    [InlineData(1000)] // why: the largest benchmarked set
    public void JointEngineCheckBenchmarks_EveryPathAcceptsAndAllocatesNothing(int scenarios)
    {
        var book = new JointEngineBook(scenarios);
        var scanBook = new JointEngineBook(scenarios, expectedShortfall: false);
        var engine = book.Engine;
        var joint = engine.JointMargin!;
        var option = JointEngineBook.NqOption(5, true);
        var order = book.Order(option, 99, OrderSide.Buy, 1, TimeInForce.ImmediateOrCancel);
        var scanOrder = scanBook.Order(option, 99, OrderSide.Buy, 1, TimeInForce.ImmediateOrCancel);
        var a = engine.AccountIndex(JointEngineBook.Account);
        var i = engine.InstrumentIndex(option);
        Assert.Null(scanBook.Engine.JointMargin);

        // The ES step against full revaluation (worse side: the working buy of 3 NQ takes the order's side).
        Assert.True(joint.Evaluate(a, i, 1, out var before, out var after, out var involved));
        Assert.True(involved);
        var full = new JointRiskArrayTable(engine.Instruments, scenarios + 1);
        full.Rebuild(book.Set, engine.Market!.Current);
        var calc = new JointMarginCalculator(engine.Instruments, full, joint.Options);
        Assert.Equal(Math.Max(Full(engine, calc, a, 1, -1), Full(engine, calc, a, 2, -1)), before, 1e-9 * before);
        Assert.Equal(Math.Max(Full(engine, calc, a, 1, i), Full(engine, calc, a, 2, -1)), after, 1e-9 * after);

        // The mixed rotation: every order against full revaluation, twice round (the second seeded by the first).
        for (var round = 0; round < 2; round++)
        {
            foreach (var (instrument, quantity) in JointEngineBook.MixedOrders)
            {
                var m = engine.InstrumentIndex(instrument);
                var combo = quantity > 0 ? 1 : 2;
                Assert.True(joint.Evaluate(a, m, quantity, out _, out var mixed, out _));
                var expected = Math.Max(Full(engine, calc, a, combo, m, quantity), Full(engine, calc, a, 3 - combo, -1));
                Assert.Equal(expected, mixed, 1e-9 * expected);
            }
        }

        // Storage per account: 3 sets × (loss + 3 rows per future slot) + 3 expanded vectors, float64.
        var stride = joint.Arrays.ScenarioStride;
        Assert.True(joint.BytesPerAccount >= (3 * (1 + 3 * 8) + 3) * stride * 8L);

        var kinds = new (string Name, Func<RejectCode> Run)[]
        {
            ("scan check", () => { scanOrder.Timestamp = ++scanBook.Time; return scanBook.Engine.OnNewOrder(scanOrder).Reason; }),
            ("ES check", () => { order.Timestamp = ++book.Time; return engine.OnNewOrder(order).Reason; }),
            ("ES step", () => joint.Evaluate(a, i, 1, out _, out _, out _) ? RejectCode.None : RejectCode.CapacityExhausted),
            ("mixed ES steps", () => MixedStep(joint, engine, a, (int)(book.Time++ % JointEngineBook.MixedOrders.Length))),
            ("tick then check", () => { engine.OnMarketPrice(0, ++book.Time, JointEngineBook.NqZ, JointEngineBook.P(21000 + 0.25 * (book.Time & 1))); order.Timestamp = ++book.Time; return engine.OnNewOrder(order).Reason; }),
        };
        foreach (var (name, run) in kinds)
        {
            for (var k = 0; k < 100; k++)
            {
                Assert.Equal(RejectCode.None, run());
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread();
            for (var k = 0; k < 10_000; k++)
            {
                run();
            }

            Assert.True(GC.GetAllocatedBytesForCurrentThread() == allocated, name + " allocated");
        }
    }

    private static RejectCode MixedStep(JointIncrementalMargin joint, RiskEngine engine, int a, int k)
    {
        var (instrument, quantity) = JointEngineBook.MixedOrders[k];
        return joint.Evaluate(a, engine.InstrumentIndex(instrument), quantity, out _, out var after, out _) && after > 0 ? RejectCode.None : RejectCode.CapacityExhausted;
    }

    private static double Full(RiskEngine engine, JointMarginCalculator calc, int a, int combo, int orderInstrument, long orderQuantity = 1)
    {
        var store = engine.Store!;
        var p = new RiskGate.Engine.Margin.Portfolio(engine.Instruments);
        for (var k = 0; k < store.SlotCount(a); k++)
        {
            var i = store.SlotInstrument(a, k);
            var q = store.Position(a, i) + (combo == 1 ? store.Working(a, i, OrderSide.Buy) : -store.Working(a, i, OrderSide.Sell)) + (i == orderInstrument ? orderQuantity : 0);
            if (q != 0)
            {
                p.SetPosition(i, q, 1);
            }
        }

        if (orderInstrument >= 0 && store.FindSlot(a, orderInstrument) < 0)
        {
            p.SetPosition(orderInstrument, orderQuantity, 1);
        }

        var r = calc.CreateResult();
        calc.Compute(p, engine.Market!.Current, r);
        return r.Requirement;
    }
}
