using RiskGate.Engine.Joint;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Scenarios;
using RiskGate.Engine.State;
using Xunit.Abstractions;
using static RiskGate.Engine.Tests.Joint.JointEngineFixture;

namespace RiskGate.Engine.Tests.Joint;

/// <summary>
/// A 100,000-order simulated session on a mixed book (ES future group by scan, NQ group by Expected
/// Shortfall) with tight collateral and a market that drifts (and re-anchors): every accept is checked
/// against full revaluation at the same market — no accept may need more initial margin than the equity
/// after it, unless full revaluation also finds it risk-reducing.
/// </summary>
public class JointSessionTests(ITestOutputHelper output)
{
    [Fact]
    public void Session_100kOrdersWithDrift_NoFalseAccepts()
    {
        var f = new JointEngineFixture(es: MarginMethodology.Scan, nq: MarginMethodology.ExpectedShortfall, scenarios: 250, accounts: 4, cash: 400_000, safetyBuffer: 0.01, shortOptionMinimum: 40);
        var e = f.Engine;
        var rng = new Random(20261124);
        var instruments = new List<uint> { EsZ, NqZ, NqZ };
        instruments.AddRange(f.NqOptions);
        instruments.Add(f.EsOptions[6]);
        var working = new List<(uint Account, ulong Id, uint Instrument, OrderSide Side)>();
        ulong nextId = 1;
        int accepted = 0, rejected = 0, falseAccepts = 0, reanchors = 0;
        double es = 6000, nq = 21000;
        var reanchorsBefore = e.Market!.ReanchorCount;
        for (var n = 0; n < 100_000; n++)
        {
            if (n % 250 == 0)
            {
                es = Math.Round(es * (1 + 0.003 * (rng.NextDouble() - 0.5)) / 0.25) * 0.25;
                nq = Math.Round(nq * (1 + 0.004 * (rng.NextDouble() - 0.5)) / 0.25) * 0.25;
                f.Tick(EsZ, es);
                f.Tick(NqZ, nq);
            }

            var action = rng.Next(10);
            if (working.Count > 0 && action < 2)
            {
                var k = rng.Next(working.Count);
                var w = working[k];
                var leaves = e.Orders[e.Orders.Find(e.AccountIndex(w.Account), w.Id)].Leaves;
                Ok(f.Fill(w.Account, w.Instrument, w.Side, leaves, w.Id));
                working.RemoveAt(k);
                continue;
            }

            if (working.Count > 0 && action < 4)
            {
                var k = rng.Next(working.Count);
                Ok(f.Cancel(working[k].Account, working[k].Id));
                working.RemoveAt(k);
                continue;
            }

            var account = (uint)rng.Next(1, 5);
            var inst = instruments[rng.Next(instruments.Count)];
            var side = rng.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
            var q = (long)rng.Next(1, 4);
            var price = f.Price(inst);
            var (fullAfter, fullBefore, equityAfter) = Full(f, account, inst, side == OrderSide.Buy ? q : -q, price);
            var d = e.OnNewOrder(f.Order(account, inst, nextId, side, q, price));
            if (d.Accepted)
            {
                accepted++;
                working.Add((account, nextId, inst, side));
                if (fullAfter > equityAfter && !(fullAfter < fullBefore))
                {
                    falseAccepts++;
                    output.WriteLine("false accept at " + n + ": full initial " + fullAfter + " > equity " + equityAfter + ", engine " + d.InitialAfter);
                }
            }
            else
            {
                // A margin call (fills move the book, ticks move the market) turns the account reduce-only.
                Assert.True(d.Reason is RejectCode.InsufficientMargin or RejectCode.ReduceOnly, d.Reason.ToString());
                rejected += d.Reason == RejectCode.InsufficientMargin ? 1 : 0;
                if (d.Reason == RejectCode.ReduceOnly)
                {
                    Ok(e.OnCollateral(f.Seq(), f.Time += 1_000, account, CollateralAction.Deposit, 100_000));
                }
            }

            nextId++;
        }

        reanchors = (int)(e.Market.ReanchorCount - reanchorsBefore);
        output.WriteLine("accepted " + accepted + ", rejected " + rejected + ", re-anchors " + reanchors + ", false accepts " + falseAccepts);
        Assert.Equal(0, falseAccepts);
        Assert.True(rejected > 5_000 && accepted > 5_000, "the collateral binds: " + accepted + " accepted, " + rejected + " rejected");
        Assert.True(reanchors > 0, "the market re-anchored during the session");
    }

    // Full revaluation of the engine's definition at the current market: initial after / before the
    // order = round(ratio × (worse-side scan + worse-side ES)) with the order as a fill on its side (on
    // the positions alone when nothing works), equity after = equity + the order's value at its price.
    private static (double After, double Before, double EquityAfter) Full(JointEngineFixture f, uint account, uint instrument, long q, double price)
    {
        var e = f.Engine;
        var scanArrays = new RiskArrayTable(e.Instruments, f.MarginOptions.MaxNodes);
        var scan = new MarginCalculator(e.Instruments, scanArrays, f.MarginOptions);
        scan.Revalue(e.Market!.Current);
        var combined = new CombinedMarginCalculator(e.Instruments, scan, f.Reference());
        var r = combined.CreateResult();
        var i = f.Index(instrument);
        var ratio = f.MarginOptions.InitialRatio;
        var hasWorking = f.HasWorking(account);

        (double Scan, double Joint) Side(int combo, int orderInstrument, long orderQuantity)
        {
            combined.Compute(f.Book(account, combo, orderInstrument, orderQuantity), e.Market.Current, r);
            return (r.Scan.Maintenance, r.Joint.Requirement);
        }

        double before, after;
        if (hasWorking)
        {
            var buys = Side(1, -1, 0);
            var sells = Side(2, -1, 0);
            before = Math.Max(buys.Scan, sells.Scan) + Math.Max(buys.Joint, sells.Joint);
            var buysAfter = q > 0 ? Side(1, i, q) : buys;
            var sellsAfter = q < 0 ? Side(2, i, q) : sells;
            after = Math.Max(buysAfter.Scan, sellsAfter.Scan) + Math.Max(buysAfter.Joint, sellsAfter.Joint);
        }
        else
        {
            var p = Side(0, -1, 0);
            before = p.Scan + p.Joint;
            var a = Side(0, i, q);
            after = a.Scan + a.Joint;
        }

        combined.Compute(f.Book(account, 0, -1, 0), e.Market.Current, r);
        ref readonly var inst = ref e.Instruments[i];
        var value = inst.IsOption ? f.Reference().Arrays.Value(i) : e.Market.Current.Price(i) * inst.Multiplier;
        var equityAfter = r.Equity + q * (value - price * inst.Multiplier);
        return (MoneyRounding.RoundHalfUp(ratio * after, 1), MoneyRounding.RoundHalfUp(ratio * before, 1), equityAfter);
    }
}
