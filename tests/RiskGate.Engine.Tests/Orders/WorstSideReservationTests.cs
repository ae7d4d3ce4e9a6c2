using RiskGate.Engine.Margin;
using RiskGate.Engine.Scenarios;
using RiskGate.Engine.State;
using static RiskGate.Engine.Tests.EngineFixture;

namespace RiskGate.Engine.Tests.Orders;

/// <summary>Working orders reserve by the worse side: the engine equals a brute-force full revaluation of both sides.</summary>
public sealed class WorstSideReservationTests
{
    [Fact]
    public void Requirement_RandomWorkingSets_EqualsMaxOfBuysAndSellsByFullRevaluation()
    {
        var f = new EngineFixture(accounts: 60);
        var e = f.Engine;
        var arrays = new RiskArrayTable(e.Instruments, f.MarginOptions.MaxNodes);
        var calculator = new MarginCalculator(e.Instruments, arrays, f.MarginOptions);
        calculator.Revalue(e.Market!.Current);
        var result = calculator.CreateBreakdown();
        var universe = new List<uint> { EsZ, EsH, NqZ };
        universe.AddRange(f.EsCalls);
        universe.AddRange(f.EsPuts);
        universe.AddRange(f.NqOptions);
        var random = new Random(20261124);
        var withWorking = 0;

        for (uint account = 1; account <= 60; account++)
        {
            for (var k = random.Next(0, 4); k > 0; k--)
            {
                var i = universe[random.Next(universe.Count)];
                Ok(f.FillOrder(account, 0, i, random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell, random.Next(1, 20), OnTick(f, i)));
            }

            var orders = random.Next(0, 7);
            for (var k = 0; k < orders; k++)
            {
                var i = universe[random.Next(universe.Count)];
                Ok(f.New(account, i, (ulong)(k + 1), random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell, random.Next(1, 30), OnTick(f, i)));
            }

            var a = e.AccountIndex(account);
            double expected = 0;
            for (var side = 0; side <= 2; side++)
            {
                var p = new Portfolio(e.Instruments);
                for (var k = 0; k < e.Store!.SlotCount(a); k++)
                {
                    var i = e.Store.SlotInstrument(a, k);
                    var q = e.Store.Position(a, i) + (side == 1 ? e.Store.Working(a, i, OrderSide.Buy) : 0) - (side == 2 ? e.Store.Working(a, i, OrderSide.Sell) : 0);
                    p.SetPosition(i, q, 0);
                }

                calculator.Compute(p, e.Market.Current, result);
                expected = Math.Max(expected, result.Maintenance);
            }

            withWorking += orders > 0 ? 1 : 0;
            var actual = e.Margin!.Requirement(a).MaintenanceBefore;
            Assert.True(Math.Abs(expected - actual) <= 1e-6 * Math.Max(1, expected), "account " + account + ": full " + expected + ", engine " + actual);
        }

        Assert.True(withWorking > 30);
    }

    private static double OnTick(EngineFixture f, uint instrument)
    {
        var tick = f.Engine.Instruments[f.Engine.InstrumentIndex(instrument)].TickSize;
        return Math.Max(tick, Math.Round(f.Reference(instrument) / tick) * tick);
    }
}
