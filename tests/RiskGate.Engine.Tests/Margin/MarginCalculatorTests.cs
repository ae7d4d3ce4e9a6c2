using RiskGate.Engine.Instruments;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Engine.Tests.Margin;

public class MarginCalculatorTests
{
    public static TheoryData<string> Strategies => new()
    {
        "covered call", // long future, short OTM call
        "protective put", // long future, long OTM put
        "synthetic vs outright", // long call + short put at the money against a short future
        "calendar spread", // long Z, short H futures, charged the spread rate
    };

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Compute_OffsettingStrategy_LessThanSumOfLegs(string strategy)
    {
        var book = new TestBook(spreadRate: 400, shortOptionMinimum: 50);
        (int, long)[] legs = strategy switch
        {
            "covered call" => [(book.EsZ, 1), (book.EsOption(true, 5100), -1)],
            "protective put" => [(book.EsZ, 1), (book.EsOption(false, 4900), 1)],
            "synthetic vs outright" => [(book.EsOption(true, 5000), 1), (book.EsOption(false, 5000), -1), (book.EsZ, -1)],
            _ => [(book.EsZ, 1), (book.EsH, -1)],
        };

        var combined = book.Margin(legs).Maintenance;
        double sum = 0;
        foreach (var leg in legs)
        {
            sum += book.Margin(leg).Maintenance;
        }

        Assert.True(combined > 0);
        Assert.True(combined < sum, strategy + ": " + combined + " is not below the legs' " + sum);
    }

    [Fact]
    public void Compute_CalendarSpread_ChargesRateTimesMatchedDelta()
    {
        var book = new TestBook(spreadRate: 400);
        var g = book.Margin((book.EsZ, 2), (book.EsH, -1)).Groups[TestBook.Es];
        Assert.Equal(2, g.LongDelta, 12);
        Assert.Equal(1, g.ShortDelta, 12);
        Assert.Equal(400, g.SpreadCharge, 9);
        Assert.Equal(g.ScanRisk + 400, g.GrossRequirement, 9);

        // An option's delta counts on its underlying expiry.
        var call = book.EsOption(true, 5000);
        var withOption = book.Margin((call, 1), (book.EsH, -1)).Groups[TestBook.Es];
        Assert.Equal(400 * book.Arrays.DeltaEquivalent(call), withOption.SpreadCharge, 9);
    }

    [Fact]
    public void Compute_ShortOptionMinimumAboveScan_IsTheRequirement()
    {
        var book = new TestBook(shortOptionMinimum: 20_000);
        var g = book.Margin((book.EsOption(false, 4800), -3)).Groups[TestBook.Es];
        Assert.True(g.ScanRisk < 60_000);
        Assert.Equal(60_000, g.ShortOptionMinimum, 9);
        Assert.Equal(60_000, g.GrossRequirement, 9);
    }

    [Fact]
    public void Compute_CorrelatedGroupsWithOppositeDeltas_GetConfiguredCredit()
    {
        // 2 ES deltas against 1 NQ delta, 50% credit.
        var book = new TestBook(credits: [new InterGroupCredit(TestBook.Es, TestBook.Nq, 0.5, 2, 1)]);
        var result = book.Margin((book.EsZ, 3), (book.NqZ, -1));

        // By hand: scan ES = 3 × $50 × 5000 × 6% = 45,000; scan NQ = $20 × 18000 × 6% = 21,600.
        // Spreads n = min(3 / 2, 1 / 1) = 1 use 2 of ES's 3 deltas and NQ's 1 delta:
        // credit = 0.5 × (2/3) × 45,000 + 0.5 × (1/1) × 21,600 = 15,000 + 10,800.
        var es = result.Groups[TestBook.Es];
        var nq = result.Groups[TestBook.Nq];
        Assert.Equal(45_000, es.ScanRisk, 6);
        Assert.Equal(21_600, nq.ScanRisk, 6);
        Assert.Equal(15_000, es.Credit, 6);
        Assert.Equal(10_800, nq.Credit, 6);
        Assert.Equal(25_800, result.TotalCredit, 6);
        Assert.Equal(45_000 + 21_600 - 25_800, result.Maintenance, 6);
    }

    [Fact]
    public void Compute_CorrelatedGroupsWithSameSignDeltas_NoCredit()
    {
        var book = new TestBook(credits: [new InterGroupCredit(TestBook.Es, TestBook.Nq, 0.5, 1, 1)]);
        var result = book.Margin((book.EsZ, 1), (book.NqZ, 1));
        Assert.Equal(0, result.TotalCredit);
        Assert.Equal(15_000 + 21_600, result.Maintenance, 6);
    }

    [Fact]
    public void Compute_CreditAgainstShortOptionMinimum_FloorHolds()
    {
        // NQ: 1 short future and 2 short puts against 5 long ES at a 100% credit: every NQ delta goes
        // into spreads, so without the floor NQ's requirement would drop to zero.
        (int, long)[] Book(TestBook b) => [(b.EsZ, 5), (b.NqZ, -1), (b.NqOption(false, 17500), -2)];
        var credits = new[] { new InterGroupCredit(TestBook.Es, TestBook.Nq, 1.0, 1, 1) };
        var unfloored = new TestBook(credits: credits);
        var nqScan = unfloored.Margin(Book(unfloored)).Groups[TestBook.Nq].ScanRisk;
        Assert.Equal(0, unfloored.Margin(Book(unfloored)).Groups[TestBook.Nq].Requirement, 6);

        var book = new TestBook(shortOptionMinimum: nqScan / 4, credits: credits); // SOM = half the scan
        var result = book.Margin(Book(book));
        var nq = result.Groups[TestBook.Nq];
        Assert.Equal(nqScan / 2, nq.ShortOptionMinimum, 6);
        Assert.Equal(nqScan / 2, nq.Requirement, 6);
        Assert.Equal(nqScan / 2, nq.Credit, 6);
        Assert.Equal(result.Groups[TestBook.Es].Requirement + nqScan / 2, result.Maintenance, 6);
    }

    [Theory]
    [InlineData(2_500, 2_750)] // issue's oracle
    [InlineData(525, 578)] // issue's oracle: 577.5 rounds half up
    public void Compute_Initial_IsRoundHalfUpOfRatioTimesMaintenance(double range, double initial)
    {
        var table = new InstrumentTable(2, 1);
        var f = table.AddFuture(0, 0.5, 1, 0.25);
        var market = new MarketSnapshot(2);
        market.SetPrice(f, 10_000);
        var scan = new ScanParameters(Spans.Default16, range, ScanRangeKind.Absolute, 0.1, ScanRangeKind.Relative);
        var calculator = new MarginCalculator(table, new RiskArrayTable(table, 16), new MarginOptions([new GroupRiskParameters(scan, 0, 0)], []));
        var p = new Portfolio(table);
        p.SetPosition(f, -1, 10_000);
        var result = calculator.CreateBreakdown();
        calculator.ComputeFullRevaluation(p, market, result);

        Assert.Equal(range, result.Maintenance, 9);
        Assert.Equal(initial, result.Initial);
    }

    [Fact]
    public void Compute_ScenarioPnl_IsSumOfQuantityTimesRiskArrays()
    {
        var book = new TestBook();
        var call = book.EsOption(true, 5100);
        var put = book.EsOption(false, 4900);
        var g = book.Margin((book.EsZ, 2), (call, -3), (put, 5)).Groups[TestBook.Es];
        for (var s = 0; s < 16; s++)
        {
            var expected = 2 * book.Arrays.Losses(book.EsZ)[s] - 3 * book.Arrays.Losses(call)[s] + 5 * book.Arrays.Losses(put)[s];
            Assert.Equal(expected, g.ScenarioPnl[s], 6);
        }

        Assert.Equal(16, g.ScenarioPnl.Length);
    }

    [Fact]
    public void Compute_Equity_CashPlusFuturesPnlPlusOptionValue()
    {
        var book = new TestBook();
        var put = book.EsOption(false, 4900);
        var p = new Portfolio(book.Instruments) { Cash = 100_000 };
        p.SetPosition(book.EsZ, 2, 4_990);
        p.SetPosition(put, -1, 80);
        var result = book.Calculator.CreateBreakdown();
        book.Calculator.Compute(p, book.Market, result);

        Assert.Equal(2 * (5_000 - 4_990) * 50, result.FuturesPnl, 9);
        Assert.Equal(-book.Arrays.Value(put), result.OptionValue, 9);
        Assert.Equal(100_000 + 1_000 - book.Arrays.Value(put), result.Equity, 9);
        Assert.Equal(result.Equity - result.Initial, result.Excess, 9);
    }

    [Fact]
    public void EvaluateOrder_EnoughEquity_AcceptedWithIncrementalInitial()
    {
        var book = new TestBook();
        var p = new Portfolio(book.Instruments) { Cash = 100_000 };
        var before = Compute(book, p);
        var impact = book.Calculator.EvaluateOrder(p, book.Market, before, book.EsZ, 2, 5_000);

        Assert.Equal(OrderMarginOutcome.Accepted, impact.Outcome);
        Assert.Equal(33_000, impact.IncrementalInitial, 9); // 1.10 × 2 × $15,000
        Assert.Equal(0, p.HeldCount); // the portfolio is not touched
    }

    [Fact]
    public void EvaluateOrder_OptionBuy_PaysPremiumFromEquity()
    {
        var book = new TestBook();
        var call = book.EsOption(true, 5000);
        var p = new Portfolio(book.Instruments) { Cash = 10_000 };
        var before = Compute(book, p);
        var value = book.Arrays.Value(call);
        var impact = book.Calculator.EvaluateOrder(p, book.Market, before, call, 1, value / 50 + 2);

        Assert.Equal(10_000 - 100, impact.EquityAfter, 6); // premium paid 2 points above model value
        Assert.Equal(impact.InitialAfter <= impact.EquityAfter, impact.Outcome == OrderMarginOutcome.Accepted);
    }

    [Fact]
    public void EvaluateOrder_UnderMargined_RejectsRiskAddingAndPassesRiskReducing()
    {
        var book = new TestBook();
        var p = new Portfolio(book.Instruments) { Cash = 1_000 };
        p.SetPosition(book.EsZ, 2, 5_000);
        var before = Compute(book, p);
        Assert.True(before.Excess < 0);

        var adding = book.Calculator.EvaluateOrder(p, book.Market, before, book.EsZ, 1, 5_000);
        var reducing = book.Calculator.EvaluateOrder(p, book.Market, before, book.EsZ, -1, 5_000);

        Assert.Equal(OrderMarginOutcome.RejectedInsufficientMargin, adding.Outcome);
        Assert.False(adding.Accepted);
        Assert.Equal(OrderMarginOutcome.AcceptedRiskReducing, reducing.Outcome);
        Assert.True(reducing.IncrementalInitial < 0);
    }

    [Fact]
    public void Compute_ArrayNotBuiltForInstrument_Throws()
    {
        var table = new InstrumentTable(2, 1);
        var f = table.AddFuture(0, 0.5, 1, 0.25);
        var scan = new ScanParameters(Spans.Default16, 1, ScanRangeKind.Absolute, 0.1, ScanRangeKind.Relative);
        var calculator = new MarginCalculator(table, new RiskArrayTable(table, 16), new MarginOptions([new GroupRiskParameters(scan, 0, 0)], []));
        var p = new Portfolio(table);
        p.SetPosition(f, 1, 1);
        Assert.Throws<InvalidOperationException>(() => calculator.Compute(p, new MarketSnapshot(2), calculator.CreateBreakdown()));
    }

    [Fact]
    public void Constructor_OptionsForWrongGroupCount_Throws()
    {
        var table = new InstrumentTable(2, 2);
        var scan = new ScanParameters(Spans.Default16, 1, ScanRangeKind.Absolute, 0.1, ScanRangeKind.Relative);
        var e = Assert.Throws<ArgumentException>(() => new MarginCalculator(table, new RiskArrayTable(table, 16), new MarginOptions([new GroupRiskParameters(scan, 0, 0)], [])));
        Assert.Equal("options", e.ParamName);
    }

    [Fact]
    public void ComputeAndEvaluateOrder_TenThousandCallsOverPreparedArrays_AllocateNothing()
    {
        var book = new TestBook(spreadRate: 100, shortOptionMinimum: 10, credits: [new InterGroupCredit(TestBook.Es, TestBook.Nq, 0.4, 1, 1)]);
        var p = new Portfolio(book.Instruments) { Cash = 500_000 };
        p.SetPosition(book.EsZ, 3, 5_000);
        p.SetPosition(book.EsH, -2, 5_050);
        p.SetPosition(book.EsOption(true, 5100), -4, 60);
        p.SetPosition(book.NqZ, -2, 18_000);
        p.SetPosition(book.NqOption(false, 17500), 3, 200);
        var result = book.Calculator.CreateBreakdown();
        book.Calculator.Compute(p, book.Market, result);
        _ = book.Calculator.EvaluateOrder(p, book.Market, result, book.EsZ, 1, 5_000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        double sink = 0;
        for (var n = 0; n < 10_000; n++)
        {
            book.Calculator.Compute(p, book.Market, result);
            sink += book.Calculator.EvaluateOrder(p, book.Market, result, book.NqZ, 1, 18_000).IncrementalInitial;
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(result.Maintenance > 0);
        Assert.True(sink != 0);
    }

    [Fact]
    public void ComputeFullRevaluation_FiftyPositionBook_EqualsSumOfLegVectorsAndAllocatesNothing()
    {
        // Twin of PortfolioMarginBenchmarks: same book, seed and parameters.
        var table = new InstrumentTable(512, 2);
        var market = new MarketSnapshot(512) { Rate = 0.04 };
        var scan = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
        for (var g = 0; g < 2; g++)
        {
            var price = g == 0 ? 6000.0 : 21000.0;
            for (var e = 1; e <= 3; e++)
            {
                var t = 0.25 * e;
                var f = table.AddFuture(g, t, g == 0 ? 50 : 20, 0.25);
                market.SetPrice(f, price * (1 + 0.01 * e));
                var smile = new RiskGate.Engine.Pricing.SviSmile(t - 0.01, 0.0008 * e, 0.012, -0.6, 0.01, 0.08);
                for (var k = -10; k < 10; k++)
                {
                    var strike = Math.Round(price * (1 + 0.01 * k));
                    market.SetSmile(table.AddOption(f, true, strike, t - 0.01, g == 0 ? 50 : 20, 0.05), smile);
                    market.SetSmile(table.AddOption(f, false, strike, t - 0.01, g == 0 ? 50 : 20, 0.05), smile);
                }
            }
        }

        var options = new MarginOptions(
            [new GroupRiskParameters(scan, 300, 100), new GroupRiskParameters(scan, 300, 100)],
            [new InterGroupCredit(0, 1, 0.5, 1, 1)]);
        var arrays = new RiskArrayTable(table, 16);
        var calculator = new MarginCalculator(table, arrays, options);
        var portfolio = new Portfolio(table) { Cash = 5_000_000 };
        var random = new Random(50);
        while (portfolio.HeldCount < 50)
        {
            var i = random.Next(table.Count);
            if (portfolio.Quantity(i) == 0)
            {
                var q = random.Next(1, 11) * (random.Next(2) == 0 ? -1 : 1);
                portfolio.SetPosition(i, q, table[i].IsOption ? 50 : market.Price(i));
            }
        }

        var result = calculator.CreateBreakdown();
        calculator.ComputeFullRevaluation(portfolio, market, result);
        Assert.True(result.Maintenance > 0);
        for (var g = 0; g < 2; g++)
        {
            var expected = new double[16];
            for (var k = 0; k < portfolio.HeldCount; k++)
            {
                var i = portfolio.HeldInstrument(k);
                if (table[i].Group == g)
                {
                    for (var s = 0; s < 16; s++)
                    {
                        expected[s] += portfolio.Quantity(i) * arrays.Losses(i)[s];
                    }
                }
            }

            for (var s = 0; s < 16; s++)
            {
                Assert.Equal(expected[s], result.Groups[g].ScenarioPnl[s], 5);
            }
        }

        var maintenance = result.Maintenance;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var n = 0; n < 200; n++)
        {
            calculator.ComputeFullRevaluation(portfolio, market, result);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(maintenance, result.Maintenance);
    }

    private static MarginBreakdown Compute(TestBook book, Portfolio p)
    {
        var result = book.Calculator.CreateBreakdown();
        book.Calculator.Compute(p, book.Market, result);
        return result;
    }
}
