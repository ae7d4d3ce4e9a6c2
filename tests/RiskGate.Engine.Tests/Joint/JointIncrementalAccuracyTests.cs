using RiskGate.Engine.Joint;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Tests.Margin;
using Xunit.Abstractions;

namespace RiskGate.Engine.Tests.Joint;

/// <summary>
/// The Engine II hard books (<see cref="AccuracyBook"/>: short straddles from 1 to 90 days, an iron fly,
/// a far OTM put, a calendar, a covered call) margined by Expected Shortfall over a 500-scenario joint
/// set: the node-wise expansion of the cached joint vectors against full revaluation at the moved
/// market, for price and vol moves up to the re-anchor limits.
/// </summary>
public class JointIncrementalAccuracyTests(ITestOutputHelper output)
{
    // As the scan accuracy test: 0.05 of a point on each of the 10 contracts of a leg (multiplier 50).
    private const double AbsoluteFloor = 25;

    public static TheoryData<string> Books =>
    [
        "straddle1", // why: expiring inside the 2-day horizon, node deltas are 0 or ±1
        "straddle7", // why: short gamma a week out
        "straddle30", // why: short gamma and vega a month out
        "straddle90", // why: vega-heavy short straddle
        "ironfly", // why: short gamma body with long wings
        "otmput", // why: 20% out of the money, the loss lives only in the far scenarios
        "calendar", // why: short front / long back month, gamma and vega of opposite sign
        "coveredcall", // why: long future against a short call
    ];

    [Theory]
    [MemberData(nameof(Books))]
    public void Evaluate_DriftUpToReanchorLimit_WithinHalfPercentOfFullRevaluation(string name)
    {
        var set = CorrelatedMonteCarlo.Build([1], [AccuracyBook.Vol], 2, 500, 17, [-1.5], [new StressScenario("crash", [-0.2], [0.5], 0.35)]);
        double worst = 0;
        foreach (var drift in new[] { -0.99, -0.5, 0.0, 0.5, 0.99 })
        {
            foreach (var vol in new[] { -0.99, -0.5, 0.0, 0.5, 0.99 })
            {
                if (drift * drift + vol * vol > 1)
                {
                    continue;
                }

                var book = new AccuracyBook();
                var joint = new JointIncrementalMargin(book.Store, new JointEngineOptions([MarginMethodology.ExpectedShortfall], set), 1, 16);
                joint.SyncAnchors();
                book.Load(name);
                book.Move(drift, vol);

                Assert.True(joint.Evaluate(0, -1, 0, out var fast, out _, out _));
                var full = Full(book, set, name);
                worst = Math.Max(worst, Math.Abs(fast - full) / full);
                Assert.True(Math.Abs(fast - full) <= Math.Max(0.005 * full, AbsoluteFloor), name + " drift " + drift + " vol " + vol + ": full " + full + " node-wise " + fast);
            }
        }

        output.WriteLine(name + ": largest relative error " + worst);
    }

    private static double Full(AccuracyBook book, JointScenarioSet set, string name)
    {
        var arrays = new JointRiskArrayTable(book.Instruments, set.Count);
        arrays.Rebuild(set, book.Snapshot);
        var calc = new JointMarginCalculator(book.Instruments, arrays, new JointMarginOptions([MarginMethodology.ExpectedShortfall], []));
        var p = new Portfolio(book.Instruments);
        foreach (var (i, q) in book.Legs(name))
        {
            p.SetPosition(i, q, 1);
        }

        var r = calc.CreateResult();
        calc.Compute(p, book.Snapshot, r);
        return r.Requirement;
    }
}
