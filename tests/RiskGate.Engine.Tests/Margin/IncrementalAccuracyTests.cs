using Xunit.Abstractions;

namespace RiskGate.Engine.Tests.Margin;

public class IncrementalAccuracyTests(ITestOutputHelper output)
{
    // 0.05 of a price point on each of the 10 contracts of a leg (multiplier 50): the floor under
    // the 0.5% band for books whose requirement is a few hundred (the 20% OTM short put).
    private const double AbsoluteFloor = 25;

    public static TheoryData<string> Books =>
    [
        "straddle1", // why: expiring short gamma, node deltas jump between 0 and ±1
        "straddle7", // why: short gamma a week out
        "straddle30", // why: short gamma and vega a month out
        "straddle90", // why: vega-heavy short straddle
        "ironfly", // why: short gamma body with long wings, worst node changes with the drift
        "otmput", // why: 20% out of the money, the loss lives only in the far nodes
        "calendar", // why: short front / long back month, gamma and vega of opposite sign
        "coveredcall", // why: long future against a short call, futures and options netted
    ];

    [Theory]
    [MemberData(nameof(Books))]
    public void Requirement_DriftUpToReanchorLimit_WithinHalfPercentOfFullRevaluation(string name)
    {
        foreach (var drift in new[] { -0.99, -0.7, -0.5, 0.0, 0.5, 0.7, 0.99 })
        {
            foreach (var vol in new[] { -0.99, -0.7, -0.5, 0.0, 0.5, 0.7, 0.99 })
            {
                if (drift * drift + vol * vol > 1)
                {
                    continue;
                }

                var book = new AccuracyBook();
                book.Load(name);
                book.Move(drift, vol);

                var full = book.FullMaintenance(name);
                var fast = book.Margin.Requirement(0).MaintenanceBefore;

                output.WriteLine(name + " drift " + drift + " vol " + vol + ": full " + full + " node-wise " + fast + " rel " + (fast - full) / full);
                Assert.True(Math.Abs(fast - full) <= Math.Max(0.005 * full, AbsoluteFloor), name + " drift " + drift + " vol " + vol + ": full " + full + " node-wise " + fast);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void CentreExpansion_DriftUpToReanchorLimit_MissesFullRevaluation(string name)
    {
        double worst = 0, nodeWise = 0;
        foreach (var drift in new[] { -0.99, 0.99 })
        {
            var book = new AccuracyBook();
            book.Load(name);
            book.Move(drift, 0);
            var full = book.FullMaintenance(name);
            var centre = book.CentreExpansionMaintenance(name);
            output.WriteLine(name + " drift " + drift + ": full " + full + " centre " + centre + " rel " + (centre - full) / full);
            worst = Math.Max(worst, Math.Abs(centre - full) / full);
            nodeWise = Math.Max(nodeWise, Math.Abs(book.Margin.Requirement(0).MaintenanceBefore - full) / full);
        }

        // Every one of these books is mis-margined by more than 2% (up to tens of percent) by the
        // centre expansion at the drift limit, while the node-wise expansion stays far closer.
        Assert.True(worst > 0.02, name + ": centre expansion error " + worst);
        Assert.True(nodeWise < worst / 2, name + ": node-wise " + nodeWise + " vs centre " + worst);
    }
}
