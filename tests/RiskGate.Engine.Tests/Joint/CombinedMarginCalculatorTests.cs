using RiskGate.Engine.Instruments;
using RiskGate.Engine.Joint;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Engine.Tests.Joint;

public class CombinedMarginCalculatorTests
{
    /// <summary>
    /// Three groups: A (future 100 ×1,000) and B (future 50 ×1,000) margined by scan, C (future 200 ×1,000
    /// and a put) by ES. Credit pairs in priority order: (A, C) at 50%, then (A, B) at 50%.
    /// </summary>
    private sealed class Book
    {
        public Book()
        {
            Instruments = new InstrumentTable(8, 3);
            Market = new MarketSnapshot(8) { Rate = 0.02 };
            FutureA = Instruments.AddFuture(0, 0.5, 1000, 0.01);
            FutureB = Instruments.AddFuture(1, 0.5, 1000, 0.01);
            FutureC = Instruments.AddFuture(2, 0.5, 1000, 0.01);
            PutC = Instruments.AddOption(FutureC, false, 190, 0.25, 1000, 0.01);
            Market.SetPrice(FutureA, 100);
            Market.SetPrice(FutureB, 50);
            Market.SetPrice(FutureC, 200);
            Market.SetSmile(PutC, new FlatSmile(0.3, 0.25));
            var scan = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
            var group = new GroupRiskParameters(scan, 0, 100);
            ScanOptions = new MarginOptions([group, group, group], [new InterGroupCredit(0, 2, 0.5, 1, 1), new InterGroupCredit(0, 1, 0.5, 1, 2)]);
            ScanArrays = new RiskArrayTable(Instruments, ScanOptions.MaxNodes);
            ScanCalculator = new MarginCalculator(Instruments, ScanArrays, ScanOptions);
            ScanCalculator.Revalue(Market);
            JointArrays = new JointRiskArrayTable(Instruments, 1000);
            var set = CorrelatedMonteCarlo.Build([1, 0.6, 0.5, 0.6, 1, 0.4, 0.5, 0.4, 1], [0.2, 0.25, 0.3], 2, 1000, 5, [], []);
            JointArrays.Rebuild(set, Market);
            JointCalculator = new JointMarginCalculator(
                Instruments,
                JointArrays,
                new JointMarginOptions([MarginMethodology.Scan, MarginMethodology.Scan, MarginMethodology.ExpectedShortfall], [0, 0, 300]));
            Combined = new CombinedMarginCalculator(Instruments, ScanCalculator, JointCalculator);
        }

        public InstrumentTable Instruments { get; }

        public MarketSnapshot Market { get; }

        public MarginOptions ScanOptions { get; }

        public RiskArrayTable ScanArrays { get; }

        public MarginCalculator ScanCalculator { get; }

        public JointRiskArrayTable JointArrays { get; }

        public JointMarginCalculator JointCalculator { get; }

        public CombinedMarginCalculator Combined { get; }

        public int FutureA { get; }

        public int FutureB { get; }

        public int FutureC { get; }

        public int PutC { get; }

        public Portfolio Portfolio(params (int Instrument, long Quantity, double Price)[] positions)
        {
            var p = new Portfolio(Instruments);
            foreach (var (i, q, price) in positions)
            {
                p.SetPosition(i, q, price);
            }

            return p;
        }
    }

    [Fact]
    public void Compute_MixedMethodologies_ScanPartPlusJointPart()
    {
        var book = new Book();
        var portfolio = book.Portfolio((book.FutureA, 1, 100), (book.FutureB, -2, 50), (book.FutureC, -1, 200), (book.PutC, -2, 5));
        var result = book.Combined.CreateResult();
        book.Combined.Compute(portfolio, book.Market, result);

        var scanOnly = book.ScanCalculator.CreateBreakdown();
        book.ScanCalculator.Compute(book.Portfolio((book.FutureA, 1, 100), (book.FutureB, -2, 50)), book.Market, scanOnly);
        var jointOnly = book.JointCalculator.CreateResult();
        book.JointCalculator.Compute(book.Portfolio((book.FutureC, -1, 200), (book.PutC, -2, 5)), book.Market, jointOnly);

        Assert.Equal(scanOnly.Maintenance, result.Scan.Maintenance, 1e-9);
        Assert.Equal(jointOnly.Requirement, result.Joint.Requirement, 1e-9);
        Assert.Equal(scanOnly.Maintenance + jointOnly.Requirement, result.Maintenance, 1e-9);
        Assert.Equal(MoneyRounding.RoundHalfUp(1.1 * result.Maintenance, 1), result.Initial);
        Assert.Equal(600, result.Joint.ShortOptionMinimum, 1e-9);
        Assert.False(result.Scan.Groups[2].HasPositions);
    }

    [Fact]
    public void Compute_CreditPairWithEsGroup_NoCreditAcrossMethodologies()
    {
        // A long, C short: the (A, C) pair would be credited if C were scanned; with C on ES it is not,
        // and A keeps its whole delta for the (A, B) pair.
        var book = new Book();
        var portfolio = book.Portfolio((book.FutureA, 1, 100), (book.FutureB, -2, 50), (book.FutureC, -1, 200));
        var result = book.Combined.CreateResult();
        book.Combined.Compute(portfolio, book.Market, result);
        Assert.Equal(0, result.Scan.Groups[2].Credit);

        // By hand: scan A = 100 × 1,000 × 6% = 6,000, scan B = 2 × 50 × 1,000 × 6% = 6,000; one A:2B spread
        // uses all of both deltas, credit 50% of each.
        Assert.Equal(3000, result.Scan.Groups[0].Credit, 1e-6);
        Assert.Equal(3000, result.Scan.Groups[1].Credit, 1e-6);

        // With every group scanned, (A, C) comes first and takes A's delta.
        var allScan = book.ScanCalculator.CreateBreakdown();
        book.ScanCalculator.Compute(portfolio, book.Market, allScan);
        Assert.True(allScan.Groups[2].Credit > 0);
        Assert.Equal(0, allScan.Groups[1].Credit);
    }

    [Fact]
    public void Compute_Equity_SumsEveryPositionAcrossMethodologies()
    {
        var book = new Book();
        var portfolio = book.Portfolio((book.FutureA, 2, 99), (book.FutureC, -1, 201), (book.PutC, 3, 5));
        portfolio.Cash = 50_000;
        var result = book.Combined.CreateResult();
        book.Combined.Compute(portfolio, book.Market, result);
        var expectedFutures = 2 * (100 - 99) * 1000.0 + -1 * (200 - 201) * 1000.0;
        Assert.Equal(expectedFutures, result.FuturesPnl, 1e-9);
        Assert.Equal(3 * book.JointArrays.Value(book.PutC), result.OptionValue, 1e-9);
        Assert.Equal(50_000 + expectedFutures + 3 * book.JointArrays.Value(book.PutC), result.Equity, 1e-9);
    }

    [Fact]
    public void EvaluateOrder_RiskAddingUncovered_RejectedAndHedge_Accepted()
    {
        var book = new Book();
        var portfolio = book.Portfolio((book.FutureC, 10, 200));
        portfolio.Cash = 1_000;
        var before = book.Combined.CreateResult();
        book.Combined.Compute(portfolio, book.Market, before);
        Assert.True(before.Excess < 0);

        var adding = book.Combined.EvaluateOrder(portfolio, book.Market, before, book.FutureC, 1, 200);
        Assert.Equal(OrderMarginOutcome.RejectedInsufficientMargin, adding.Outcome);
        Assert.True(adding.IncrementalInitial > 0);

        var hedge = book.Combined.EvaluateOrder(portfolio, book.Market, before, book.FutureC, -5, 200);
        Assert.Equal(OrderMarginOutcome.AcceptedRiskReducing, hedge.Outcome);
        Assert.Equal(10, portfolio.Quantity(book.FutureC));
    }

    [Fact]
    public void Compute_10000Calls_AllocateNothing()
    {
        var book = new Book();
        var portfolio = book.Portfolio((book.FutureA, 1, 100), (book.FutureB, -2, 50), (book.FutureC, -1, 200), (book.PutC, -2, 5));
        var result = book.Combined.CreateResult();
        for (var i = 0; i < 100; i++)
        {
            book.Combined.Compute(portfolio, book.Market, result);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            book.Combined.Compute(portfolio, book.Market, result);
        }

        Assert.Equal(allocated, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(result.Maintenance > 0);
    }
}
