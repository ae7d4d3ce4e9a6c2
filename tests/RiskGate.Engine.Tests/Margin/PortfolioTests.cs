using RiskGate.Engine.Instruments;
using RiskGate.Engine.Margin;

namespace RiskGate.Engine.Tests.Margin;

public class PortfolioTests
{
    private readonly InstrumentTable _table = new(4, 1);
    private readonly int _future;
    private readonly int _option;

    public PortfolioTests()
    {
        _future = _table.AddFuture(0, 0.5, 50, 0.25);
        _option = _table.AddOption(_future, true, 5000, 0.4, 50, 0.05);
    }

    [Fact]
    public void Trade_FutureIncreaseReduceAndFlip_AveragesAndRealises()
    {
        var p = new Portfolio(_table) { Cash = 1_000 };
        p.Trade(_future, 2, 100);
        p.Trade(_future, 2, 110);
        Assert.Equal(4, p.Quantity(_future));
        Assert.Equal(105, p.AveragePrice(_future), 12);

        p.Trade(_future, -1, 120); // realise (120 − 105) × 1 × 50
        Assert.Equal(1_000 + 750, p.Cash, 9);
        Assert.Equal(105, p.AveragePrice(_future), 12);

        p.Trade(_future, -5, 100); // close 3 at a 5-point loss each, then short 2 at 100
        Assert.Equal(1_750 - 750, p.Cash, 9);
        Assert.Equal(-2, p.Quantity(_future));
        Assert.Equal(100, p.AveragePrice(_future));

        p.Trade(_future, 2, 90);
        Assert.Equal(0, p.Quantity(_future));
        Assert.Equal(0, p.HeldCount);
        Assert.Equal(1_000 + 1_000, p.Cash, 9);
    }

    [Fact]
    public void Trade_Option_PaysAndReceivesPremium()
    {
        var p = new Portfolio(_table);
        p.Trade(_option, 3, 12);
        Assert.Equal(-3 * 12 * 50, p.Cash, 9);
        p.Trade(_option, -3, 15);
        Assert.Equal(3 * 3 * 50, p.Cash, 9);
        Assert.Equal(0, p.HeldCount);
    }

    [Fact]
    public void CopyFrom_SameTable_CopiesPositionsAndCash()
    {
        var p = new Portfolio(_table) { Cash = 7 };
        p.SetPosition(_future, -4, 99);
        p.SetPosition(_option, 2, 3);
        var q = new Portfolio(_table);
        q.SetPosition(_option, 9, 9);
        q.CopyFrom(p);
        Assert.Equal(2, q.HeldCount);
        Assert.Equal(-4, q.Quantity(_future));
        Assert.Equal(99, q.AveragePrice(_future));
        Assert.Equal(2, q.Quantity(_option));
        Assert.Equal(7, q.Cash);
    }

    [Fact]
    public void SetPosition_Zero_RemovesFromHeldList()
    {
        var p = new Portfolio(_table);
        p.SetPosition(_future, 1, 1);
        p.SetPosition(_option, 1, 1);
        p.SetPosition(_future, 0, 1);
        Assert.Equal(1, p.HeldCount);
        Assert.Equal(_option, p.HeldInstrument(0));
    }
}
