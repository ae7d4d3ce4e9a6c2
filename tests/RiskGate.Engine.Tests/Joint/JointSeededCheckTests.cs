using RiskGate.Engine.Joint;
using RiskGate.Engine.State;
using static RiskGate.Engine.Tests.Joint.JointEngineFixture;

namespace RiskGate.Engine.Tests.Joint;

/// <summary>
/// The order check's tail selection: seeded by the account's cached VaR on equal-weight sets (hits and
/// misses), the weighted path on other sets; every check against full revaluation.
/// </summary>
public class JointSeededCheckTests
{
    private const double Tolerance = 1e-9;

    [Theory]
    [InlineData(1, 500)] // why: the budgeted size
    [InlineData(2, 250)] // why: a fractional-free smaller set, different interleaving
    [InlineData(3, 1000)] // why: the largest benchmarked set
    public void Evaluate_RandomOrdersEqualWeights_SeededCheckEqualsFullRevaluationOnHitsAndMisses(int seed, int scenarios)
    {
        var f = new JointEngineFixture(scenarios: scenarios, shortOptionMinimum: 25);
        var joint = f.Engine.JointMargin!;
        Assert.True(joint.EqualWeights);
        var checks = RunRandomChecks(f, new Random(seed), 300);

        // Large risk-reducing orders drop the tail below both seeds (misses); repeated small ones do not.
        Assert.InRange(joint.SeedMisses, 1, checks - 50);
    }

    [Fact]
    public void Evaluate_UnequalWeightSet_WeightedPathEqualsFullRevaluation()
    {
        var f = new JointEngineFixture(scenarios: 500);
        var set = Reweighted(f.Set, new Random(9));
        f.Engine.ReplaceJointScenarios(set);
        f.Set = set;
        var joint = f.Engine.JointMargin!;
        Assert.False(joint.EqualWeights);

        RunRandomChecks(f, new Random(4), 150);

        Assert.Equal(0, joint.SeedMisses);
    }

    [Fact]
    public void Evaluate_SameHedgeRepeated_FirstMissesSecondHitsItsOwnSeed()
    {
        var f = new JointEngineFixture(scenarios: 500);
        Ok(f.Fill(1, EsZ, OrderSide.Buy, 20));
        Ok(f.Fill(1, NqZ, OrderSide.Sell, 3));
        var joint = f.Engine.JointMargin!;
        var a = f.Engine.AccountIndex(1);
        var hedge = f.Index(EsZ);

        // Selling the 20 long futures leaves 3 short NQ: the tail falls far below the account's VaR.
        Assert.True(joint.Evaluate(a, hedge, -20, out var before, out var first, out _));
        Assert.Equal(1, joint.SeedMisses);
        Assert.True(joint.Evaluate(a, hedge, -20, out _, out var second, out _));

        Assert.Equal(1, joint.SeedMisses);
        Assert.Equal(first, second);
        Assert.True(second < 0.5 * before, "the hedge reduces the requirement: " + second + " vs " + before);
        AssertClose(f.FullJoint(1, 0, hedge, -20), second, "repeated hedge");
    }

    // Fills, orders and cancels on random accounts; after each, one check of a random order (some far
    // larger than the positions, so that the seed misses) compared with full revaluation.
    private static int RunRandomChecks(JointEngineFixture f, Random rng, int steps)
    {
        var e = f.Engine;
        var joint = e.JointMargin!;
        var instruments = new List<uint> { EsZ, NqZ };
        instruments.AddRange(f.EsOptions);
        instruments.AddRange(f.NqOptions);
        var working = new List<(uint Account, ulong Id)>();
        ulong nextId = 1;
        var checks = 0;
        for (var step = 0; step < steps; step++)
        {
            var account = (uint)rng.Next(1, 3);
            var op = rng.Next(10);
            if (op < 4)
            {
                Ok(f.Fill(account, instruments[rng.Next(instruments.Count)], rng.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell, rng.Next(1, 6)));
            }
            else if (op < 6)
            {
                var id = nextId++;
                Ok(f.New(account, instruments[rng.Next(instruments.Count)], id, rng.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell, rng.Next(1, 4)));
                working.Add((account, id));
            }
            else if (op < 7 && working.Count > 0)
            {
                var k = rng.Next(working.Count);
                Ok(f.Cancel(working[k].Account, working[k].Id));
                working.RemoveAt(k);
            }

            var a = e.AccountIndex(account);
            var i = f.Index(instruments[rng.Next(instruments.Count)]);
            var q = (long)(rng.Next(4) == 0 ? rng.Next(20, 80) : rng.Next(1, 4)) * (rng.Next(2) == 0 ? 1 : -1);

            // The same order twice in a row on some steps: the second is seeded by the first.
            var repeats = rng.Next(3) == 0 ? 2 : 1;
            for (var r = 0; r < repeats; r++)
            {
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

                AssertClose(full, after, "step " + step + " order " + q + " of " + i);
                checks++;
            }
        }

        return checks;
    }

    // The same shocks and stress, regular weights drawn in [0.5, 1.5) and normalised: the weighted path.
    private static JointScenarioSet Reweighted(JointScenarioSet set, Random rng)
    {
        var regular = set.RegularCount;
        var groups = set.GroupCount;
        var buckets = set.TenorBuckets.Length;
        var price = new double[regular * groups];
        var vol = new double[regular * groups * buckets];
        var weights = new double[regular];
        for (var s = 0; s < regular; s++)
        {
            weights[s] = 0.5 + rng.NextDouble();
            for (var g = 0; g < groups; g++)
            {
                price[s * groups + g] = set.PriceShock(s, g);
                for (var b = 0; b < buckets; b++)
                {
                    vol[(s * groups + g) * buckets + b] = set.VolShock(s, g, b);
                }
            }
        }

        var sum = weights.Sum();
        for (var s = 0; s < regular; s++)
        {
            weights[s] /= sum;
        }

        var stresses = new StressScenario[set.StressCount];
        for (var k = 0; k < stresses.Length; k++)
        {
            var s = regular + k;
            stresses[k] = new StressScenario(set.Name(s), [set.PriceShock(s, 0), set.PriceShock(s, 1)], [set.VolShock(s, 0, 0), set.VolShock(s, 1, 0)], set.Weight(s));
        }

        return new JointScenarioSet(groups, set.HorizonDays, set.TenorBuckets, price, vol, weights, stresses);
    }

    private static void AssertClose(double expected, double actual, string what)
        => Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1.0, Math.Abs(expected)), what + ": expected " + expected + ", got " + actual);
}
