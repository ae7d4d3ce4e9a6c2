using BenchmarkDotNet.Attributes;
using RiskGate.Engine;
using RiskGate.Engine.Joint;
using RiskGate.Engine.Orders;

namespace RiskGate.Benchmarks.Joint;

/// <summary>
/// The ES pool's slot release on the order path (<see cref="JointEngineBook"/>, both groups by Expected
/// Shortfall): a GTC buy of 2 NQ is accepted and cancelled on an account that is otherwise flat
/// (<c>FlatAccountOpenCancel</c>: the check takes a slot from the free list and builds it, the cancel
/// gives it back, reset to a never-used one) against the same order on an account that keeps its slot
/// because it holds one ES future (<c>HoldingAccountOpenCancel</c>, baseline: the slot is updated in
/// place, which is what a flat account paid when slots were never given back). Each side rotates over
/// <see cref="JointPoolChurnBook.Rotation"/> accounts, so every round is a different account. 0 B expected. Setup throws
/// when a path does not return its expected outcome. Twin: JointPoolChurnBenchmarkTwinTests (same book: JointPoolChurnBook).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class JointPoolChurnBenchmarks
{
    private JointEngineBook _book = null!;
    private RiskEngine _engine = null!;
    private JointIncrementalMargin _joint = null!;
    private OrderRequest _order;
    private uint _flat;
    private uint _holding;

    /// <summary>Regular joint scenarios in the set (plus one stress).</summary>
    [Params(500)]
    public int Scenarios { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _book = new JointEngineBook(Scenarios);
        _engine = _book.Engine;
        _joint = _engine.JointMargin!;
        _order = JointPoolChurnBook.Prepare(_book);
        var releases = _joint.PoolReleases;
        Expect(FlatAccountOpenCancel());
        Expect(HoldingAccountOpenCancel());
        if (_joint.PoolReleases != releases + 1)
        {
            throw new InvalidOperationException("the flat account's cancel did not give its slot back.");
        }

        Console.WriteLine("// joint storage per slot: " + _joint.BytesPerAccount + " B, pool " + _joint.PoolCapacity + ", in use " + _joint.PoolUsed);
    }

    [Benchmark(Baseline = true)]
    public RejectCode HoldingAccountOpenCancel()
    {
        var k = _holding;
        _holding = k == JointPoolChurnBook.Rotation - 1 ? 0 : k + 1;
        return JointPoolChurnBook.OpenCancel(_book, ref _order, JointPoolChurnBook.FirstHolding + k);
    }

    [Benchmark]
    public RejectCode FlatAccountOpenCancel()
    {
        var k = _flat;
        _flat = k == JointPoolChurnBook.Rotation - 1 ? 0 : k + 1;
        return JointPoolChurnBook.OpenCancel(_book, ref _order, JointPoolChurnBook.FirstFlat + k);
    }

    private static void Expect(RejectCode actual)
    {
        if (actual != RejectCode.None)
        {
            throw new InvalidOperationException("benchmark path returned " + actual + ", expected an accept.");
        }
    }
}
