using RiskGate.Engine.Instruments;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Market;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;
using RiskGate.Engine.State;

namespace RiskGate.Engine.Tests.Margin;

/// <summary>
/// Twins of the incremental benchmarks (perf/RiskGate.Benchmarks/Engine/Incremental*, Reanchor*,
/// Rebuild*): the same 4-future, 200-option group and accounts, checked against full revaluation.
/// </summary>
public class IncrementalBenchmarkTwinTests
{
    [Theory]
    [InlineData(1)] // why: the benchmark's single-future account
    [InlineData(2)] // why: two futures' vector sets expanded
    [InlineData(4)] // why: every future of the group
    public void CheckOrder_BenchmarkBook_MatchesFullRevaluationAtItsAnchor(int touched)
    {
        var book = new Book();
        book.Market.ReanchorAll();
        var account = touched == 4 ? 2 : touched - 1;
        var order = book.OptionOn(0, 25);
        var oracleArrays = new RiskArrayTable(book.Instruments, 16);
        var oracle = new MarginCalculator(book.Instruments, oracleArrays, book.Options);
        for (var i = 0; i < book.Instruments.Count; i++)
        {
            oracleArrays.BuildAt(i, book.Options.Groups[0].Scan, book.Snapshot, book.Market.ElapsedYears);
        }

        var portfolio = new Portfolio(book.Instruments);
        for (var k = 0; k < book.Store.SlotCount(account); k++)
        {
            var i = book.Store.SlotInstrument(account, k);
            portfolio.SetPosition(i, book.Store.Position(account, i), book.Store.AveragePrice(account, i));
        }

        portfolio.Cash = book.Store.Cash(account);
        var before = oracle.CreateBreakdown();
        oracle.Compute(portfolio, book.Snapshot, before);
        var expected = oracle.EvaluateOrder(portfolio, book.Snapshot, before, order, -1, 20);

        var check = book.Margin.CheckOrder(account, order, -1, 20);

        Assert.True(check.Accepted);
        Assert.NotEqual(check.InitialBefore, check.InitialAfter);
        IncrementalFixture.AssertRelative(expected.InitialBefore, check.InitialBefore, 1e-9, "initial before");
        IncrementalFixture.AssertRelative(expected.InitialAfter, check.InitialAfter, 1e-9, "initial after");
        IncrementalFixture.AssertRelative(expected.EquityAfter, check.EquityAfter, 1e-9, "equity after");
    }

    [Fact]
    public void MarketUpdates_InsideLimits_KeepTheEpoch()
    {
        var book = new Book();
        var f = book.Futures[0];
        var anchor = book.Market.AnchorPrice(f);
        var smile = new ShiftedSmile(book.Smiles[0], 0.001);

        var tick = book.Market.SetFuturePrice(f, anchor + book.Market.DriftLimit(f) / 4, 5);
        var surface = book.Market.SetSmile(f, smile, 6);

        Assert.Equal(ReanchorReason.None, tick);
        Assert.Equal(ReanchorReason.None, surface);
        Assert.Equal(1, book.Market.Epoch(0));
        Assert.Same(smile, book.Snapshot.Smile(book.OptionOn(0, 49)));
    }

    [Fact]
    public void Reanchor_BenchmarkGroup_BumpsEpochAndMatchesFreshArrays()
    {
        var book = new Book();
        var option = book.OptionOn(3, 7);
        var fresh = new RiskArrayTable(book.Instruments, 16);

        book.Market.Reanchor(0);
        fresh.BuildAt(option, book.Options.Groups[0].Scan, book.Snapshot, book.Market.ElapsedYears);

        Assert.Equal(200, book.Instruments.OptionCount(0));
        Assert.Equal(2, book.Market.Epoch(0));
        Assert.Equal(fresh.Losses(option).ToArray(), book.Market.AnchorLosses(option).ToArray());
    }

    [Fact]
    public void RebuildAccount_TwentyPositions_EqualsIncrementalCache()
    {
        var book = new Book();
        book.Market.Reanchor(0);
        var refreshed = book.Store.RefreshAccount(Book.RebuildAccount);
        var lazy = book.Margin.Requirement(Book.RebuildAccount);

        book.Store.RebuildAccount(Book.RebuildAccount);
        var rebuilt = book.Margin.Requirement(Book.RebuildAccount);

        Assert.Equal(20, book.Store.SlotCount(Book.RebuildAccount));
        Assert.Equal(1, refreshed);
        IncrementalFixture.AssertRelative(rebuilt.MaintenanceBefore, lazy.MaintenanceBefore, 1e-12, "maintenance");
        Assert.True(lazy.MaintenanceBefore > 0);
    }

    /// <summary>The benchmarks' book (IncrementalBook in the perf project), built the same way.</summary>
    private sealed class Book
    {
        public const int RebuildAccount = 3;

        public Book()
        {
            Instruments = new InstrumentTable(256, 1);
            Snapshot = new MarketSnapshot(256) { Rate = 0.04 };
            var scan = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
            for (var e = 0; e < 4; e++)
            {
                var t = 0.25 * (e + 1);
                var f = Instruments.AddFuture(0, t, 50, 0.25);
                Futures[e] = f;
                var price = 6000.0 * (1 + 0.01 * e);
                Snapshot.SetPrice(f, price);
                Smiles[e] = new SviSmile(t - 0.01, 0.0008 * (e + 1), 0.012, -0.6, 0.01, 0.08);
                for (var k = -12; k <= 12; k++)
                {
                    var strike = Math.Round(price * (1 + 0.01 * k));
                    Snapshot.SetSmile(Instruments.AddOption(f, true, strike, t - 0.01, 50, 0.05), Smiles[e]);
                    Snapshot.SetSmile(Instruments.AddOption(f, false, strike, t - 0.01, 50, 0.05), Smiles[e]);
                }
            }

            Options = new MarginOptions([new GroupRiskParameters(scan, 300, 100)], []);
            Market = new MarketState(Instruments, Options, Snapshot, ReanchorPolicy.Default, 0, 4);
            Market.ReanchorAll();
            Store = new AccountStore(Market, new AccountStoreOptions(8, 32, 2));
            Margin = new IncrementalMargin(Store, 0.01);
            foreach (var touched in new[] { 1, 2, 4 })
            {
                var account = touched == 4 ? 2 : touched - 1;
                for (var e = 0; e < touched; e++)
                {
                    for (var k = 0; k < 5; k++)
                    {
                        Assert.Equal(StateStatus.Ok, Store.ApplyFill(account, OptionOn(e, 10 + 2 * k + (k & 1)), (k & 1) == 0 ? -3 : 2, 10));
                    }
                }

                Store.SetCash(account, 5_000_000);
            }

            for (var p = 0; p < 20; p++)
            {
                Assert.Equal(StateStatus.Ok, Store.ApplyFill(RebuildAccount, OptionOn(p % 4, 3 + 2 * p), p % 3 == 0 ? 4 : -2, 10));
            }

            Store.SetCash(RebuildAccount, 5_000_000);
            for (var e = 0; e < 4; e++)
            {
                var f = Futures[e];
                Market.SetFuturePrice(f, Snapshot.Price(f) + Market.DriftLimit(f) / 3, 1);
                Market.SetSmile(f, new ShiftedSmile(Smiles[e], ReanchorPolicy.DefaultVolLimit / 5), 1);
            }

            Assert.Equal(1, Market.Epoch(0));
        }

        public InstrumentTable Instruments { get; }

        public MarketSnapshot Snapshot { get; }

        public MarginOptions Options { get; }

        public MarketState Market { get; }

        public AccountStore Store { get; }

        public IncrementalMargin Margin { get; }

        public int[] Futures { get; } = new int[4];

        public VolSmile[] Smiles { get; } = new VolSmile[4];

        public int OptionOn(int e, int k) => Futures[e] + 1 + k;
    }
}
