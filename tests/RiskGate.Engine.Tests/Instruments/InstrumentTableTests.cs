using RiskGate.Engine.Instruments;

namespace RiskGate.Engine.Tests.Instruments;

public class InstrumentTableTests
{
    [Fact]
    public void Add_FuturesAndOptions_DenseIndicesAndOptionJoinsUnderlyingGroup()
    {
        var table = new InstrumentTable(8, 2);
        var es = table.AddFuture(0, 0.25, 50, 0.25);
        var cl = table.AddFuture(1, 0.10, 1000, 0.01);
        var call = table.AddOption(cl, true, 80, 0.08, 1000, 0.01);

        Assert.Equal([0, 1, 2], new[] { es, cl, call });
        Assert.Equal(3, table.Count);
        ref readonly var option = ref table[call];
        Assert.Equal(InstrumentKind.Option, option.Kind);
        Assert.Equal(1, option.Group);
        Assert.Equal(cl, option.Underlying);
        Assert.True(option.IsCall);
        Assert.Equal(80, option.Strike);
        Assert.Equal(es, table[es].Underlying);
        Assert.Equal(1, table.FutureCount(0));
        Assert.Equal(1, table.OptionCount(1));
        Assert.Equal(0, table.OptionCount(0));
    }

    [Theory]
    [InlineData(-1, 0.5, 50, 0.25, "group")] // no such group
    [InlineData(2, 0.5, 50, 0.25, "group")] // one past the last group
    [InlineData(0, -0.1, 50, 0.25, "expiryYears")] // already expired before valuation
    [InlineData(0, double.NaN, 50, 0.25, "expiryYears")] // NaN slips through naive comparisons
    [InlineData(0, 0.5, 0, 0.25, "multiplier")] // zero multiplier makes every money figure zero
    [InlineData(0, 0.5, 50, 0, "tickSize")] // zero tick cannot validate prices
    public void AddFuture_BadSetting_ThrowsNamingIt(int group, double expiry, double multiplier, double tick, string name)
    {
        var table = new InstrumentTable(4, 2);
        var e = Assert.ThrowsAny<ArgumentException>(() => table.AddFuture(group, expiry, multiplier, tick));
        Assert.Equal(name, e.ParamName);
    }

    [Theory]
    [InlineData(5, 100, 0.2, "underlyingFuture")] // unregistered index
    [InlineData(1, 100, 0.2, "underlyingFuture")] // an option cannot underlie an option
    [InlineData(0, 0, 0.2, "strike")] // zero strike
    [InlineData(0, 100, 0.6, "expiryYears")] // option outlives its future
    public void AddOption_BadSetting_ThrowsNamingIt(int underlying, double strike, double expiry, string name)
    {
        var table = new InstrumentTable(4, 1);
        var f = table.AddFuture(0, 0.5, 50, 0.25);
        table.AddOption(f, false, 100, 0.25, 50, 0.05);
        var e = Assert.ThrowsAny<ArgumentException>(() => table.AddOption(underlying, true, strike, expiry, 50, 0.05));
        Assert.Equal(name, e.ParamName);
    }

    [Fact]
    public void AddFuture_TableFull_Throws()
    {
        var table = new InstrumentTable(1, 1);
        table.AddFuture(0, 0.5, 50, 0.25);
        Assert.Throws<InvalidOperationException>(() => table.AddFuture(0, 0.6, 50, 0.25));
    }

    [Fact]
    public void Indexer_UnregisteredIndex_Throws()
    {
        var table = new InstrumentTable(4, 1);
        table.AddFuture(0, 0.5, 50, 0.25);
        Assert.Throws<ArgumentOutOfRangeException>(() => table[1].Strike);
    }

    [Fact]
    public void FirstAndNext_GroupWalk_VisitsCurveAndChainsInRegistrationOrder()
    {
        var table = new InstrumentTable(16, 2);
        var z = table.AddFuture(0, 0.25, 50, 0.25);
        var other = table.AddFuture(1, 0.25, 20, 0.25);
        var h = table.AddFuture(0, 0.50, 50, 0.25);
        var zc = table.AddOption(z, true, 100, 0.2, 50, 0.05);
        var hp = table.AddOption(h, false, 100, 0.4, 50, 0.05);
        var zp = table.AddOption(z, false, 90, 0.2, 50, 0.05);

        var curve = new List<int>();
        for (var f = table.FirstFuture(0); f >= 0; f = table.NextFuture(f))
        {
            curve.Add(f);
        }

        var chain = new List<int>();
        for (var o = table.FirstOption(z); o >= 0; o = table.NextOption(o))
        {
            chain.Add(o);
        }

        Assert.Equal([z, h], curve);
        Assert.Equal([zc, zp], chain);
        Assert.Equal(hp, table.FirstOption(h));
        Assert.Equal(-1, table.NextOption(hp));
        Assert.Equal(other, table.FirstFuture(1));
        Assert.Equal(-1, table.NextFuture(other));
        Assert.Equal(-1, table.FirstOption(other));
    }
}
