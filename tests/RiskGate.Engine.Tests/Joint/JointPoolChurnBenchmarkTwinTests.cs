using RiskGate.Benchmarks.Joint;
using RiskGate.Engine.Joint;
using RiskGate.Engine.Margin;

namespace RiskGate.Engine.Tests.Joint;

/// <summary>
/// Twin of perf/RiskGate.Benchmarks/Joint/JointPoolChurnBenchmarks: the same book and rounds; every
/// round is accepted, the flat side gives its slot back at each cancel while the holding side keeps
/// its own (whose ES part stays the full revaluation of one ES future), and nothing allocates.
/// </summary>
public class JointPoolChurnBenchmarkTwinTests
{
    [Fact]
    public void JointPoolChurnBenchmarks_BothSidesAcceptReleaseAsExpectedAndAllocateNothing()
    {
        var book = new JointEngineBook(500);
        var engine = book.Engine;
        var joint = engine.JointMargin!;
        var order = JointPoolChurnBook.Prepare(book);
        var full = new JointRiskArrayTable(engine.Instruments, 501);
        full.Rebuild(book.Set, engine.Market!.Current);
        var calc = new JointMarginCalculator(engine.Instruments, full, joint.Options);
        var oneFuture = new Portfolio(engine.Instruments);
        oneFuture.SetPosition(engine.InstrumentIndex(JointEngineBook.EsZ), 1, 1);
        var result = calc.CreateResult();
        calc.Compute(oneFuture, engine.Market.Current, result);
        Assert.True(result.Requirement > 0);

        for (var k = 0u; k < JointPoolChurnBook.Rotation; k++)
        {
            var flat = engine.AccountIndex(JointPoolChurnBook.FirstFlat + k);
            var holding = engine.AccountIndex(JointPoolChurnBook.FirstHolding + k);
            var releases = joint.PoolReleases;
            Assert.Equal(RejectCode.None, JointPoolChurnBook.OpenCancel(book, ref order, JointPoolChurnBook.FirstFlat + k));
            Assert.False(joint.HasSlot(flat));
            Assert.Equal(releases + 1, joint.PoolReleases);
            Assert.Equal(RejectCode.None, JointPoolChurnBook.OpenCancel(book, ref order, JointPoolChurnBook.FirstHolding + k));
            Assert.True(joint.HasSlot(holding));
            Assert.Equal(releases + 1, joint.PoolReleases);
            Assert.True(joint.Evaluate(holding, -1, 0, out var es, out _, out _));
            Assert.Equal(result.Requirement, es, 1e-9 * result.Requirement);
        }

        // The account 1 book plus one slot per holding account; the flat side holds none between rounds.
        Assert.Equal(1 + JointPoolChurnBook.Rotation, joint.PoolUsed);
        Assert.Equal(2 + JointPoolChurnBook.Rotation, joint.PoolHighWater);

        for (var side = 0; side < 2; side++)
        {
            var first = side == 0 ? JointPoolChurnBook.FirstFlat : JointPoolChurnBook.FirstHolding;
            var failures = 0;
            for (var k = 0; k < 10 * JointPoolChurnBook.Rotation; k++)
            {
                failures += JointPoolChurnBook.OpenCancel(book, ref order, first + (uint)(k % JointPoolChurnBook.Rotation)) == RejectCode.None ? 0 : 1;
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread();
            for (var k = 0; k < 10_000; k++)
            {
                failures += JointPoolChurnBook.OpenCancel(book, ref order, first + (uint)(k % JointPoolChurnBook.Rotation)) == RejectCode.None ? 0 : 1;
            }

            Assert.Equal(allocated, GC.GetAllocatedBytesForCurrentThread());
            Assert.Equal(0, failures);
        }
    }
}
