using RiskGate.Engine.Margin;
using RiskGate.Engine.Market;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;
using RiskGate.Engine.Tests.Margin;

namespace RiskGate.Engine.Tests.Market;

public class MarketStateTests
{
    [Fact]
    public void SetFuturePrice_InsideDriftLimit_MovesPriceWithoutNewEpoch()
    {
        var fx = new IncrementalFixture(new TestBook());
        var epoch = fx.Market.Epoch(TestBook.Es);
        var version = fx.Market.Version(TestBook.Es);

        var reason = fx.Market.SetFuturePrice(fx.Book.EsZ, 5040, 10);

        Assert.Equal(ReanchorReason.None, reason);
        Assert.Equal(epoch, fx.Market.Epoch(TestBook.Es));
        Assert.Equal(version + 1, fx.Market.Version(TestBook.Es));
        Assert.Equal(40, fx.Market.PriceMove(fx.Book.EsZ), 12);
        Assert.Equal(5040, fx.Book.Market.Price(fx.Book.EsZ));
        Assert.Equal(10, fx.Market.Now);
    }

    [Fact]
    public void DriftLimit_Span16AtSixPercent_IsHalfOfOneThirdOfTheRange()
    {
        var fx = new IncrementalFixture(new TestBook());

        // Smallest SPAN step is 1/3 of the 6% range; half of it is 1% of the anchor price.
        Assert.Equal(50, fx.Market.DriftLimit(fx.Book.EsZ), 9);
        Assert.Equal(180, fx.Market.DriftLimit(fx.Book.NqZ), 9);
    }

    [Fact]
    public void SetFuturePrice_PastDriftLimit_ReanchorsOnlyThatGroupAtTheNewPrice()
    {
        var fx = new IncrementalFixture(new TestBook());

        var reason = fx.Market.SetFuturePrice(fx.Book.EsZ, 5051, 10);

        Assert.Equal(ReanchorReason.PriceDrift, reason);
        Assert.Equal(2, fx.Market.Epoch(TestBook.Es));
        Assert.Equal(1, fx.Market.Epoch(TestBook.Nq));
        Assert.Equal(5051, fx.Market.AnchorPrice(fx.Book.EsZ));
        Assert.Equal(0, fx.Market.PriceMove(fx.Book.EsZ));
        Assert.Equal(10, fx.Market.AnchorTime(TestBook.Es));
    }

    [Fact]
    public void SetSmile_PastVolLimit_ReanchorsForVol()
    {
        var fx = new IncrementalFixture(new TestBook());
        var option = fx.Book.EsOption(true, 5000);

        var small = fx.Market.SetSmile(fx.Book.EsZ, new FlatSmile(0.203, 1), 5);
        var smallMove = fx.Market.VolMove(fx.Book.EsZ);
        var large = fx.Market.SetSmile(fx.Book.EsZ, new FlatSmile(0.21, 1), 6);

        Assert.Equal(ReanchorReason.None, small);
        Assert.Equal(0.003, smallMove, 12);
        Assert.Equal(ReanchorReason.VolMove, large);
        Assert.Equal(0.21, fx.Book.Market.Smile(option)!.Vol(5000, 5000));
        Assert.Equal(0, fx.Market.VolMove(fx.Book.EsZ));
    }

    [Fact]
    public void SetFuturePrice_DriftAndVolTogetherOutsideEllipse_Reanchors()
    {
        var fx = new IncrementalFixture(new TestBook());
        fx.Market.SetSmile(fx.Book.EsZ, new FlatSmile(0.2040, 1), 1);

        // 0.8² + 0.8² > 1 although each move alone is inside its limit.
        var reason = fx.Market.SetFuturePrice(fx.Book.EsZ, 5040, 2);

        Assert.Equal(ReanchorReason.PriceDrift, reason);
    }

    [Fact]
    public void AdvanceTime_PastMaxAge_ReanchorsWithTimeToExpiryAtTheNewTime()
    {
        var book = new TestBook();
        var policy = new ReanchorPolicy(maxAgeNanoseconds: 60_000_000_000);
        var fx = new IncrementalFixture(book, policy: policy);
        var option = book.EsOption(false, 4900);
        var tenDays = (long)(10 * 86_400 * 1e9);

        var early = fx.Market.AdvanceTime(30_000_000_000);
        var late = fx.Market.AdvanceTime(tenDays);
        var expected = new RiskArrayTable(book.Instruments, book.Options.MaxNodes);
        expected.BuildAt(option, book.Options.Groups[0].Scan, book.Market, 10 / 365.0);

        Assert.Equal(0, early);
        Assert.Equal(2, late);
        Assert.Equal(ReanchorReason.Age, fx.Market.LastReanchorReason);
        Assert.Equal(expected.Losses(option).ToArray(), fx.Market.AnchorLosses(option).ToArray());
    }

    [Fact]
    public void Requirement_AfterTimeAndMarketMoves_EqualsFullRevaluationAtTheAnchor()
    {
        var book = new TestBook(spreadRate: 25, shortOptionMinimum: 100);
        var fx = new IncrementalFixture(book, accounts: 1);
        fx.Store.ApplyFill(0, book.EsOption(true, 5000), -7, 100);
        fx.Store.ApplyFill(0, book.EsOption(false, 4800), 3, 40);
        fx.Store.ApplyFill(0, book.EsH, 2, 5050);
        fx.Market.SetFuturePrice(book.EsZ, 5300, (long)(5 * 86_400 * 1e9));

        fx.RevalueOracle();
        var full = fx.FullMargin(0);
        var fast = fx.Margin.Requirement(0);

        Assert.Equal(ReanchorReason.PriceDrift, fx.Market.LastReanchorReason);
        IncrementalFixture.AssertRelative(full.Maintenance, fast.MaintenanceBefore, 1e-9, "maintenance");
        IncrementalFixture.AssertRelative(full.Equity, fast.EquityBefore, 1e-9, "equity");
    }

    [Theory]
    [InlineData(0)] // why: a group needs at least one future slot
    [InlineData(65)] // why: future masks are 64-bit
    public void Constructor_MaxFuturesPerGroupOutOfRange_ThrowsNamingIt(int maxFutures)
    {
        var book = new TestBook();

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MarketState(book.Instruments, book.Options, book.Market, ReanchorPolicy.Default, 0, maxFutures));

        Assert.Equal("maxFuturesPerGroup", e.ParamName);
    }

    [Fact]
    public void Constructor_GroupWithMoreFuturesThanSlots_ThrowsNamingTheSetting()
    {
        var book = new TestBook();

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MarketState(book.Instruments, book.Options, book.Market, ReanchorPolicy.Default, 0, 1));

        Assert.Equal("maxFuturesPerGroup", e.ParamName);
    }

    [Theory]
    [InlineData(0.0, 0.005, 1L, "driftFraction")] // why: a zero drift limit would re-anchor on every tick
    [InlineData(1.5, 0.005, 1L, "driftFraction")] // why: past a whole scan step the expansion is not trusted
    [InlineData(0.5, 0.0, 1L, "volLimit")] // why: zero vol limit
    [InlineData(0.5, 0.005, 0L, "maxAgeNanoseconds")] // why: an anchor must be allowed to live
    public void ReanchorPolicy_OutOfRange_ThrowsNamingTheSetting(double drift, double vol, long age, string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ReanchorPolicy(drift, vol, age));

        Assert.Equal(name, e.ParamName);
    }

    [Fact]
    public void CheckOrder_BeforeAnyAnchor_ReturnsMarketNotAnchored()
    {
        var book = new TestBook();
        var market = new MarketState(book.Instruments, book.Options, book.Market, ReanchorPolicy.Default, 0, 4);
        var store = new Engine.State.AccountStore(market, new Engine.State.AccountStoreOptions(1));
        var margin = new IncrementalMargin(store);

        var check = margin.CheckOrder(0, book.EsZ, 1, 5000);

        Assert.Equal(Engine.State.StateStatus.MarketNotAnchored, check.Status);
    }
}
