using RiskGate.Engine.Joint;
using RiskGate.Engine.State;
using static RiskGate.Engine.Tests.Joint.JointEngineFixture;

namespace RiskGate.Engine.Tests.Joint;

public class JointEngineTests
{
    private const double Tolerance = 1e-9;

    [Theory]
    [InlineData(1)] // why: seeds give different interleavings of orders, partial fills, direct fills and cancels
    [InlineData(2)]
    [InlineData(3)]
    public void Evaluate_RandomOrderFillCancelSequence_EqualsFullRevaluationAtAnchor(int seed)
    {
        var f = new JointEngineFixture(scenarios: 250, shortOptionMinimum: 40);
        var e = f.Engine;
        var joint = e.JointMargin!;
        var rng = new Random(seed);
        var instruments = new List<uint> { EsZ, NqZ };
        instruments.AddRange(f.EsOptions);
        instruments.AddRange(f.NqOptions);
        var working = new List<(uint Account, ulong Id, uint Instrument, OrderSide Side)>();
        ulong nextId = 1;
        var checks = 0;
        for (var step = 0; step < 250; step++)
        {
            var account = (uint)rng.Next(1, 4);
            var op = rng.Next(10);
            if (op < 5 || working.Count == 0)
            {
                var inst = instruments[rng.Next(instruments.Count)];
                var side = rng.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
                var id = nextId++;
                Ok(f.New(account, inst, id, side, rng.Next(1, 6)));
                working.Add((account, id, inst, side));
            }
            else if (op < 7)
            {
                var k = rng.Next(working.Count);
                var w = working[k];
                var leaves = e.Orders[e.Orders.Find(e.AccountIndex(w.Account), w.Id)].Leaves;
                var d = f.Fill(w.Account, w.Instrument, w.Side, rng.Next(1, (int)leaves + 1), w.Id);
                Ok(d);
                if (d.LeavesQuantity == 0)
                {
                    working.RemoveAt(k);
                }
            }
            else if (op < 9)
            {
                var k = rng.Next(working.Count);
                Ok(f.Cancel(working[k].Account, working[k].Id));
                working.RemoveAt(k);
            }
            else
            {
                // A trade with no working order (IOC fill, or an order that expired): applied directly.
                Ok(f.Fill(account, instruments[rng.Next(instruments.Count)], rng.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell, rng.Next(1, 4)));
            }

            var a = e.AccountIndex(account);
            Assert.True(joint.Evaluate(a, -1, 0, out var before, out _, out _));
            AssertClose(f.FullJointWorse(account), before, "step " + step + " before");

            var orderInstrument = instruments[rng.Next(instruments.Count)];
            var q = (long)rng.Next(1, 8) * (rng.Next(2) == 0 ? 1 : -1);
            var i = f.Index(orderInstrument);
            Assert.True(joint.Evaluate(a, i, q, out _, out var after, out _));
            double full;
            if (f.HasWorking(account))
            {
                var combo = q > 0 ? 1 : 2;
                full = Math.Max(f.FullJoint(account, combo, i, q), f.FullJoint(account, 3 - combo));
            }
            else
            {
                full = f.FullJoint(account, 0, i, q);
            }

            AssertClose(full, after, "step " + step + " after " + q + " of " + orderInstrument);
            checks++;
        }

        Assert.Equal(250, checks);
        Assert.True(joint.PoolUsed >= 2, "accounts took joint storage");
    }

    [Fact]
    public void AccountMargin_MixedScanAndEsGroups_EqualsCombinedMarginCalculator()
    {
        var f = new JointEngineFixture(es: MarginMethodology.Scan, nq: MarginMethodology.ExpectedShortfall, shortOptionMinimum: 40);
        Ok(f.Fill(1, EsZ, OrderSide.Buy, 3));
        Ok(f.Fill(1, f.EsOptions[6], OrderSide.Sell, 2));
        Ok(f.Fill(1, f.NqOptions[3], OrderSide.Buy, 4));
        Ok(f.Fill(1, f.NqOptions[4], OrderSide.Sell, 5));
        Ok(f.Fill(1, NqZ, OrderSide.Sell, 2));

        var engine = f.Engine.AccountMargin(f.Engine.AccountIndex(1));
        var full = f.FullCombined(1);

        Assert.Equal(StateStatus.Ok, engine.Status);
        Assert.True(full.Scan.Maintenance > 0 && full.Joint.Requirement > 0, "both methodologies carry part of the requirement");
        AssertClose(full.Maintenance, engine.MaintenanceBefore, "maintenance");
        Assert.Equal(full.Initial, engine.InitialBefore);
        AssertClose(full.Equity, engine.EquityBefore, "equity");
    }

    [Fact]
    public void Check_OrderInEsGroup_DecisionUsesScanPlusEsPart()
    {
        var f = new JointEngineFixture(es: MarginMethodology.Scan, nq: MarginMethodology.ExpectedShortfall, cash: 1e6);
        Ok(f.Fill(1, EsZ, OrderSide.Buy, 2));
        var a = f.Engine.AccountIndex(1);
        var scanOnly = f.Engine.Margin!.Requirement(a).MaintenanceBefore;

        var d = f.New(1, NqZ, 1, OrderSide.Sell, 3);

        Ok(d);
        var full = f.FullCombined(1);
        Assert.Equal(full.Initial, d.InitialBefore);
        var esAfter = f.FullJoint(1, 2);
        Assert.Equal(MoneyRoundingOf(1.1 * (scanOnly + esAfter)), d.InitialAfter);
    }

    [Fact]
    public void ReplaceJointScenarios_NewSet_StartsEpochAndRebuildsAccountsLazily()
    {
        var f = new JointEngineFixture(rho: 0.0);
        Ok(f.Fill(1, EsZ, OrderSide.Buy, 7));
        Ok(f.Fill(1, NqZ, OrderSide.Sell, 5));
        var a = f.Engine.AccountIndex(1);
        var joint = f.Engine.JointMargin!;
        Assert.True(joint.Evaluate(a, -1, 0, out var uncorrelated, out _, out _));
        var epoch = joint.Epoch;

        var set = JointEngineFixture.Scenarios(0.9, 800, seed: 5);
        f.Engine.ReplaceJointScenarios(set);
        f.Set = set;

        Assert.True(joint.Epoch > epoch);
        Assert.True(joint.Evaluate(a, -1, 0, out var correlated, out _, out _));
        AssertClose(f.FullJoint(1, 0), correlated, "after recalibration");
        Assert.True(correlated < 0.6 * uncorrelated, "the hedge offsets under 0.9 correlation: " + correlated + " vs " + uncorrelated);
    }

    [Fact]
    public void ReplaceJointScenarios_SetTooLarge_ThrowsAndChangesNothing()
    {
        var f = new JointEngineFixture();
        Ok(f.Fill(1, NqZ, OrderSide.Sell, 5));
        var joint = f.Engine.JointMargin!;
        var epoch = joint.Epoch;
        var reanchors = f.Engine.Market!.ReanchorCount;

        Assert.Throws<ArgumentOutOfRangeException>(() => f.Engine.ReplaceJointScenarios(JointEngineFixture.Scenarios(0.5, 2000)));

        Assert.Equal(epoch, joint.Epoch);
        Assert.Equal(reanchors, f.Engine.Market.ReanchorCount);
        Assert.True(joint.Evaluate(f.Engine.AccountIndex(1), -1, 0, out var es, out _, out _));
        AssertClose(f.FullJoint(1, 0), es, "unchanged set");
    }

    [Fact]
    public void Check_JointPoolExhausted_RejectsCapacityExhausted()
    {
        var f = new JointEngineFixture(es: MarginMethodology.Scan, nq: MarginMethodology.ExpectedShortfall, pool: 1);

        Ok(f.New(1, NqZ, 1, OrderSide.Buy, 1));
        var second = f.New(2, NqZ, 1, OrderSide.Buy, 1);
        var scanGroup = f.New(2, EsZ, 2, OrderSide.Buy, 1);

        Assert.Equal(RejectCode.CapacityExhausted, second.Reason);
        Ok(scanGroup);
        Assert.Equal(1, f.Engine.JointMargin!.PoolUsed);
        Assert.Equal(0, f.Working(2, NqZ));
    }

    [Fact]
    public void Tick_WithinDriftLimit_MatchesFullRevaluationWithinHalfPercent()
    {
        var f = new JointEngineFixture(scenarios: 500);
        Ok(f.Fill(1, f.EsOptions[6], OrderSide.Sell, 10));
        Ok(f.Fill(1, f.EsOptions[7], OrderSide.Sell, 10));
        Ok(f.Fill(1, f.NqOptions[4], OrderSide.Buy, 10));
        Ok(f.Fill(1, f.NqOptions[5], OrderSide.Buy, 10));
        var a = f.Engine.AccountIndex(1);
        var joint = f.Engine.JointMargin!;
        var epoch = joint.Epoch;
        var limit = f.Engine.Market!.DriftLimit(f.Index(EsZ));
        foreach (var fraction in new[] { -0.99, -0.5, 0.5, 0.99 })
        {
            f.Tick(EsZ, 6000 + Math.Round(fraction * limit / 0.25) * 0.25);
            Assert.True(joint.Evaluate(a, -1, 0, out var fast, out _, out _));
            var full = f.FullJoint(1, 0);
            Assert.True(Math.Abs(fast - full) <= 0.005 * full, "drift " + fraction + ": full " + full + " node-wise " + fast);
        }

        Assert.Equal(epoch, joint.Epoch);
    }

    [Fact]
    public void EveryEsPath_AfterWarmUp_AllocatesNothing()
    {
        var f = new JointEngineFixture(es: MarginMethodology.Scan, nq: MarginMethodology.ExpectedShortfall, scenarios: 500);
        var e = f.Engine;
        var nqCall = f.NqOptions[4];
        var callPrice = f.Price(nqCall);
        Ok(f.Fill(1, NqZ, OrderSide.Sell, 2));
        Ok(f.Fill(1, f.NqOptions[5], OrderSide.Buy, 3));
        var kinds = new (string Name, Action<int> Run)[]
        {
            ("new+cancel ES-group future", k => { e.OnNewOrder(f.Order(1, NqZ, 1, OrderSide.Buy, 2, 21000)); e.OnCancelOrder(f.Seq(), f.Time += 10, 1, 1, NqZ); }),
            ("new+fill+fill ES-group option", k => { e.OnNewOrder(f.Order(2, nqCall, 1, OrderSide.Buy, 2, callPrice)); e.OnFill(f.Seq(), f.Time += 10, 2, 1, nqCall, OrderSide.Buy, 2, P(callPrice)); e.OnFill(f.Seq(), f.Time += 10, 2, 0, nqCall, OrderSide.Sell, 2, P(callPrice)); }),
            ("tick then check", k => { e.OnMarketPrice(f.Seq(), f.Time += 10, NqZ, P(21000 + (k % 5))); e.OnNewOrder(f.Order(1, NqZ, 3, OrderSide.Sell, 1, 21000)); e.OnCancelOrder(f.Seq(), f.Time += 10, 1, 3, NqZ); }),
            ("scan-group order, ES account", k => { e.OnNewOrder(f.Order(1, EsZ, 4, OrderSide.Buy, 1, 6000)); e.OnCancelOrder(f.Seq(), f.Time += 10, 1, 4, EsZ); }),
            ("sweep and collateral", k => { e.Sweep(8); e.OnCollateral(f.Seq(), f.Time += 10, 1, CollateralAction.Deposit, 1); }),
        };

        foreach (var (name, run) in kinds)
        {
            for (var k = 0; k < 200; k++)
            {
                run(k);
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var k = 0; k < 10_000; k++)
            {
                run(k);
            }

            Assert.True(GC.GetAllocatedBytesForCurrentThread() == before, name + " allocated");
        }

        // Account 1 keeps its positions; account 2 ends every round flat, so its slot went back each time.
        Assert.True(e.JointMargin!.HasSlot(e.AccountIndex(1)) && !e.JointMargin.HasSlot(e.AccountIndex(2)));
        Assert.True(e.JointMargin.PoolReleases >= 10_200, "releases " + e.JointMargin.PoolReleases);
    }

    private static double MoneyRoundingOf(double amount) => RiskGate.Engine.Margin.MoneyRounding.RoundHalfUp(amount, 1.0);

    private static void AssertClose(double expected, double actual, string what)
        => Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1.0, Math.Abs(expected)), what + ": expected " + expected + ", got " + actual);
}
