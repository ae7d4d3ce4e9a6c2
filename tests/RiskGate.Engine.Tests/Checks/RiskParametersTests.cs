using RiskGate.Engine.Checks;
using RiskGate.Engine.Instruments;
using RiskGate.Engine.Joint;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Orders;
using RiskGate.Engine.Scenarios;
using RiskGate.Engine.State;

namespace RiskGate.Engine.Tests.Checks;

/// <summary>
/// RiskParameters at run time: margin fields take effect (oracle: <see cref="MarginCalculator"/> by full
/// revaluation with parameters built independently by the test), epochs advance on a scan change, and
/// every bad field is refused with its reason while nothing changes.
/// </summary>
public sealed class RiskParametersTests
{
    private const uint Account = 1;

    [Fact]
    public void OnRiskParameters_NewPriceScanRange_RequirementEqualsFullRevaluationAndEpochAdvances()
    {
        var fx = Book();
        var epoch = fx.Engine.Market!.Epoch(0);
        var other = fx.Engine.Market.Epoch(1);
        var before = Maintenance(fx);

        EngineFixture.Ok(fx.Engine.OnRiskParameters(fx.Seq(), 0, Settings(range: 0.09), Spans.Default16, EngineFixture.DefaultLimits));

        Assert.Equal(epoch + 1, fx.Engine.Market.Epoch(0));
        Assert.Equal(other, fx.Engine.Market.Epoch(1)); // only the changed group gets a new epoch
        var after = Maintenance(fx);
        var oracle = Oracle(fx, Scan(0.09), Scan(0.06));
        Assert.True(after > before * 1.2, "a 50% wider scan range must raise the requirement: " + before + " -> " + after);
        Assert.Equal(oracle, after, Tolerance(oracle));
    }

    [Fact]
    public void OnRiskParameters_FewerScanPointsAbsoluteRange_RequirementEqualsFullRevaluation()
    {
        // 11 points where there were 16: the nodes past the new count must stop counting.
        var fx = Book();
        var points = Spans.DeribitGrid(3, [2.0], 0.5);
        var settings = Settings(range: 300);
        settings.PriceScanKind = ScanRangeKind.Absolute;
        settings.VolScanKind = ScanRangeKind.Absolute;
        settings.VolScanRange = 0.05;
        settings.LookAheadYears = 2.0 / 365;

        EngineFixture.Ok(fx.Engine.OnRiskParameters(fx.Seq(), 0, settings, points, EngineFixture.DefaultLimits));

        var expected = new ScanParameters(points, 300, ScanRangeKind.Absolute, 0.05, ScanRangeKind.Absolute, 2.0 / 365);
        var oracle = Oracle(fx, expected, Scan(0.06));
        Assert.Equal(oracle, Maintenance(fx), Tolerance(oracle));
    }

    [Fact]
    public void OnRiskParameters_SameParametersAgain_NoNewEpochNoAllocation()
    {
        var fx = Book();
        var settings = Settings();
        EngineFixture.Ok(fx.Engine.OnRiskParameters(fx.Seq(), 0, settings, Spans.Default16, EngineFixture.DefaultLimits));
        var epoch = fx.Engine.Market!.Epoch(0);
        var parameters = fx.Engine.MarginParameters.Groups[0];
        var points = Spans.Default16;

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var accepted = 0;
        for (var k = 0; k < 10_000; k++)
        {
            accepted += fx.Engine.OnRiskParameters(k, 0, settings, points, EngineFixture.DefaultLimits).Accepted ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - allocated);
        Assert.Equal(10_000, accepted);
        Assert.Equal(epoch, fx.Engine.Market.Epoch(0));
        Assert.Same(parameters, fx.Engine.MarginParameters.Groups[0]);
    }

    [Fact]
    public void OnRiskParameters_ShortOptionMinimum_AppliedFromNextCheckWithoutNewEpoch()
    {
        var fx = Book();
        var epoch = fx.Engine.Market!.Epoch(0);
        var settings = Settings();
        settings.ShortOptionMinimum = 2_000_000; // 5 short calls: 10,000,000 dominates the group's scan risk

        EngineFixture.Ok(fx.Engine.OnRiskParameters(fx.Seq(), 0, settings, Spans.Default16, EngineFixture.DefaultLimits));

        Assert.Equal(epoch, fx.Engine.Market.Epoch(0));
        var oracle = Breakdown(fx, Scan(0.06), Scan(0.06), 0, 0, 2_000_000);
        Assert.Equal(10_000_000, oracle.Groups[0].GrossRequirement, 1e-6);
        Assert.Equal(oracle.Maintenance, Maintenance(fx), Tolerance(oracle.Maintenance));
    }

    [Fact]
    public void OnRiskParameters_SpreadCharge_AppliedFromNextCheck()
    {
        var fx = Book();
        ulong id = 100;
        Hold(fx, EngineFixture.EsH, OrderSide.Sell, 4, ref id); // a calendar against the long Z
        var settings = Settings();
        settings.SpreadRate = 1500;

        EngineFixture.Ok(fx.Engine.OnRiskParameters(fx.Seq(), 0, settings, Spans.Default16, EngineFixture.DefaultLimits));

        var oracle = Breakdown(fx, Scan(0.06), Scan(0.06), 0, 1500, 0);
        Assert.True(oracle.Groups[0].SpreadCharge > 1000, "the calendar must carry a spread charge");
        Assert.Equal(oracle.Maintenance, Maintenance(fx), Tolerance(oracle.Maintenance));
    }

    [Fact]
    public void OnRiskParameters_InitialRatio_LargestOverGroupsAppliesFromNextCheck()
    {
        var fx = Book();
        var maintenance = Maintenance(fx);
        var s0 = Settings();
        s0.InitialRatio = 1.5;
        EngineFixture.Ok(fx.Engine.OnRiskParameters(fx.Seq(), 0, s0, Spans.Default16, EngineFixture.DefaultLimits));
        Assert.Equal(MoneyRounding.RoundHalfUp(1.5 * maintenance, 1.0), Initial(fx));

        var s1 = Settings();
        s1.InitialRatio = 1.3;
        EngineFixture.Ok(fx.Engine.OnRiskParameters(fx.Seq(), 1, s1, Spans.Default16, EngineFixture.DefaultLimits));
        Assert.Equal(1.5, fx.Engine.MarginParameters.InitialRatio); // the most conservative group wins

        s0.InitialRatio = 1.1;
        EngineFixture.Ok(fx.Engine.OnRiskParameters(fx.Seq(), 0, s0, Spans.Default16, EngineFixture.DefaultLimits));
        Assert.Equal(1.3, fx.Engine.MarginParameters.InitialRatio);
        Assert.Equal(MoneyRounding.RoundHalfUp(1.3 * maintenance, 1.0), Initial(fx));
        Assert.Equal(1.3, fx.Engine.GroupInitialRatio(1));
    }

    [Fact]
    public void OnRiskParameters_RateChange_EveryAnchoredGroupNewEpochAndFullRevaluationAtNewRate()
    {
        var fx = Book();
        var e0 = fx.Engine.Market!.Epoch(0);
        var e1 = fx.Engine.Market.Epoch(1);
        var settings = Settings();
        settings.RiskFreeRate = 0.25;

        EngineFixture.Ok(fx.Engine.OnRiskParameters(fx.Seq(), 0, settings, Spans.Default16, EngineFixture.DefaultLimits));

        Assert.Equal(e0 + 1, fx.Engine.Market.Epoch(0));
        Assert.Equal(e1 + 1, fx.Engine.Market.Epoch(1));
        var oracle = Oracle(fx, Scan(0.06), Scan(0.06), rate: 0.25);
        var atZero = Oracle(fx, Scan(0.06), Scan(0.06), rate: 0);
        Assert.NotEqual(atZero, oracle, Tolerance(oracle) * 100);
        Assert.Equal(oracle, Maintenance(fx), Tolerance(oracle));
    }

    [Fact]
    public void OnRiskParameters_LiquidationAndConfidence_StoredLiquidationLargestApplies()
    {
        var fx = Book();
        var settings = Settings();
        settings.LiquidationRatio = 0.8;
        settings.ConfidenceLevel = 0.975;
        EngineFixture.Ok(fx.Engine.OnRiskParameters(fx.Seq(), 1, settings, Spans.Default16, EngineFixture.DefaultLimits));
        Assert.Equal(0.8, fx.Engine.LiquidationFraction);
        Assert.Equal(0.975, fx.Engine.GroupConfidenceLevel(1));
        Assert.True(double.IsNaN(fx.Engine.GroupConfidenceLevel(0)));

        settings.LiquidationRatio = double.NaN;
        EngineFixture.Ok(fx.Engine.OnRiskParameters(fx.Seq(), 1, settings, Spans.Default16, EngineFixture.DefaultLimits));
        Assert.Equal(0.5, fx.Engine.LiquidationFraction); // group 0 keeps the engine's configured 0.5
    }

    public static TheoryData<string, ReferenceDataError> BadFields => new()
    {
        { "group", ReferenceDataError.UnknownGroup },                 // group 2 of 2
        { "methodology", ReferenceDataError.MethodologyMismatch },    // ES on a scan group
        { "no-points", ReferenceDataError.ScanPointCount },           // empty scan set
        { "capacity", ReferenceDataError.ScanPointCapacity },         // 17 points, engine sized for 16
        { "weight", ReferenceDataError.ScanPoint },                   // weight 0
        { "move", ReferenceDataError.ScanPoint },                     // NaN price move
        { "range", ReferenceDataError.PriceScanRange },               // 0
        { "relative-range", ReferenceDataError.PriceScanRange },      // 0.6 × extreme 2 ≥ 1: negative prices
        { "kind", ReferenceDataError.ScanRangeKind },                 // kind 0
        { "vol-range", ReferenceDataError.VolScanRange },             // relative 1.0
        { "look-ahead", ReferenceDataError.LookAhead },               // 2 years
        { "ratio", ReferenceDataError.InitialRatio },                 // 0.9 < 1
        { "spread", ReferenceDataError.SpreadChargeRate },            // negative
        { "som", ReferenceDataError.ShortOptionMinimum },             // +∞
        { "rate", ReferenceDataError.RiskFreeRate },                  // 2
        { "confidence", ReferenceDataError.ConfidenceLevel },         // 1.2
        { "liquidation", ReferenceDataError.LiquidationRatio },       // 0
        { "limits", ReferenceDataError.Limits },                      // negative default quantity
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public void OnRiskParameters_BadField_RejectedWithReasonAndNothingChanged(string field, ReferenceDataError expected)
    {
        var fx = Book();
        var group = 0;
        var settings = Settings(range: 0.09);
        var points = Spans.Default16;
        var limits = EngineFixture.DefaultLimits;
        limits.MaxOrderQuantity = 7;
        switch (field)
        {
            case "group": group = 2; break;
            case "methodology": settings.Methodology = MarginMethodology.ExpectedShortfall; settings.ConfidenceLevel = 0.975; break;
            case "no-points": points = []; break;
            case "capacity": points = [.. points, new ScanPoint(0.5, 0, 1)]; break;
            case "weight": points[3].Weight = 0; break;
            case "move": points[3].PriceMove = double.NaN; break;
            case "range": settings.PriceScanRange = 0; break;
            case "relative-range": settings.PriceScanRange = 0.6; break;
            case "kind": settings.VolScanKind = 0; break;
            case "vol-range": settings.VolScanRange = 1.0; break;
            case "look-ahead": settings.LookAheadYears = 2; break;
            case "ratio": settings.InitialRatio = 0.9; break;
            case "spread": settings.SpreadRate = -1; break;
            case "som": settings.ShortOptionMinimum = double.PositiveInfinity; break;
            case "rate": settings.RiskFreeRate = 2; break;
            case "confidence": settings.ConfidenceLevel = 1.2; break;
            case "liquidation": settings.LiquidationRatio = 0; break;
            default: limits.MaxOrderQuantity = -1; break;
        }

        var engine = fx.Engine;
        var epoch = engine.Market!.Epoch(0);
        var parameters = engine.MarginParameters.Groups[0];
        var maintenance = Maintenance(fx);

        var d = engine.OnRiskParameters(fx.Seq(), group, settings, points, limits);

        Assert.False(d.Accepted);
        Assert.Equal(RejectCode.InvalidReferenceData, d.Reason);
        Assert.Equal(expected, engine.LastReferenceDataError);
        Assert.Equal(epoch, engine.Market.Epoch(0));
        Assert.Same(parameters, engine.MarginParameters.Groups[0]);
        Assert.Equal(EngineFixture.DefaultLimits.MaxOrderQuantity, engine.GroupLimits(0).MaxOrderQuantity);
        Assert.Equal(1.10, engine.MarginParameters.InitialRatio);
        Assert.Equal(0.0, engine.Market.Current.Rate);
        Assert.Equal(maintenance, Maintenance(fx));
    }

    [Fact]
    public void OnRiskParameters_LargerCapacityConfigured_MoreScanPointsAcceptedAndExact()
    {
        var fx = Book(maxScanNodes: 32);
        var points = Spans.DefaultDeribit;
        Assert.True(points.Length is > 16 and <= 32);

        EngineFixture.Ok(fx.Engine.OnRiskParameters(fx.Seq(), 0, Settings(), points, EngineFixture.DefaultLimits));

        var oracle = Oracle(fx, new ScanParameters(points, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative), Scan(0.06));
        Assert.Equal(oracle, Maintenance(fx), Tolerance(oracle));
    }

    [Fact]
    public void OnRiskParameters_BeforeSeal_EngineAnchorsWithTheNewParameters()
    {
        var margin = new MarginOptions([new GroupRiskParameters(Scan(0.06), 0, 0)], []);
        var engine = new RiskEngine(new RiskEngineOptions(margin, EngineFixture.DefaultLimits, maxAccounts: 4, maxInstruments: 8, maxWorkingOrders: 16));
        EngineFixture.Ok(engine.OnRiskParameters(1, 0, Settings(range: 0.12), Spans.Default16, EngineFixture.DefaultLimits));
        EngineFixture.Ok(engine.OnInstrumentDefinition(2, 10, InstrumentKind.Future, 0, 0, (long)(0.25 * MarketStateYear), EngineFixture.P(100), false, 10, EngineFixture.P(0.01), true));
        EngineFixture.Ok(engine.OnMarketPrice(3, 0, 10, EngineFixture.P(100)));
        EngineFixture.Ok(engine.OnAccountLimits(4, 0, Account, true, OrderLimits.UseDefaults));
        EngineFixture.Ok(engine.OnCollateral(5, 0, Account, CollateralAction.Set, 1e6));
        EngineFixture.Ok(engine.OnNewOrder(new OrderRequest { Sequence = 6, Timestamp = 1, AccountId = Account, InstrumentId = 10, ClientOrderId = 1, Side = OrderSide.Buy, Type = OrderType.Limit, TimeInForce = TimeInForce.GoodTillCancel, Quantity = 3, Price = EngineFixture.P(100) }));
        EngineFixture.Ok(engine.OnFill(7, 2, Account, 1, 10, OrderSide.Buy, 3, EngineFixture.P(100)));

        // Long 3 futures at 100, multiplier 10, range 12 %: the worst loss is the −1 × range node, 3 × 10 × 12 = 360.
        Assert.Equal(360, engine.Margin!.Requirement(engine.AccountIndex(Account)).MaintenanceBefore, 1e-9);
    }

    private const double MarketStateYear = 365.0 * 86_400 * 1e9;

    private static EngineFixture Book(int maxScanNodes = 0)
    {
        // Account 1: long 10 ES Z, short 5 ES 5000 calls, long 3 ES 4900 puts; long 2 NQ Z.
        var fx = new EngineFixture(accounts: 2, maxScanNodes: maxScanNodes);
        ulong id = 1;
        Hold(fx, EngineFixture.EsZ, OrderSide.Buy, 10, ref id);
        Hold(fx, fx.EsCalls[2], OrderSide.Sell, 5, ref id);
        Hold(fx, fx.EsPuts[1], OrderSide.Buy, 3, ref id);
        Hold(fx, EngineFixture.NqZ, OrderSide.Buy, 2, ref id);
        return fx;
    }

    private static void Hold(EngineFixture fx, uint instrument, OrderSide side, long quantity, ref ulong id)
    {
        var tick = fx.Engine.InstrumentIndex(instrument) is var i && fx.Engine.Instruments[i].IsOption ? 0.05 : 0.25;
        var price = Math.Round(fx.Reference(instrument) / tick) * tick;
        EngineFixture.Ok(fx.New(Account, instrument, id, side, quantity, price));
        EngineFixture.Ok(fx.FillOrder(Account, id, instrument, side, quantity, price));
        id++;
    }

    private static GroupMarginSettings Settings(double range = 0.06) => new()
    {
        Methodology = MarginMethodology.Scan,
        PriceScanRange = range,
        PriceScanKind = ScanRangeKind.Relative,
        VolScanRange = 0.25,
        VolScanKind = ScanRangeKind.Relative,
        LookAheadYears = ScanParameters.OneDay,
        InitialRatio = 1.10,
        SpreadRate = 0,
        ShortOptionMinimum = 0,
        RiskFreeRate = 0,
        ConfidenceLevel = double.NaN,
        LiquidationRatio = 0.5,
    };

    private static ScanParameters Scan(double range) => new(Spans.Default16, range, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);

    private static double Tolerance(double value) => 1e-9 * Math.Max(1.0, Math.Abs(value));

    private static double Maintenance(EngineFixture fx) => fx.Engine.Margin!.Requirement(fx.Engine.AccountIndex(Account)).MaintenanceBefore;

    private static double Initial(EngineFixture fx) => fx.Engine.Margin!.Requirement(fx.Engine.AccountIndex(Account)).InitialBefore;

    // Full revaluation with parameters the test builds itself, at the engine's current prices and smiles.
    private static double Oracle(EngineFixture fx, ScanParameters group0, ScanParameters group1, double rate = 0)
        => Breakdown(fx, group0, group1, rate, 0, 0).Maintenance;

    private static MarginBreakdown Breakdown(EngineFixture fx, ScanParameters group0, ScanParameters group1, double rate, double spread0, double som0)
    {
        var engine = fx.Engine;
        var table = engine.Instruments;
        var options = new MarginOptions([new GroupRiskParameters(group0, spread0, som0), new GroupRiskParameters(group1, 0, 0)], []);
        var market = new MarketSnapshot(table.Capacity) { Rate = rate };
        var portfolio = new Portfolio(table);
        var a = engine.AccountIndex(Account);
        for (var i = 0; i < table.Count; i++)
        {
            if (table[i].IsOption)
            {
                market.SetSmile(i, engine.Market!.Current.Smile(i)!);
            }
            else
            {
                market.SetPrice(i, engine.Market!.Current.Price(i));
            }

            var q = engine.Store!.Position(a, i);
            if (q != 0)
            {
                portfolio.SetPosition(i, q, 1.0);
            }
        }

        var calculator = new MarginCalculator(table, new RiskArrayTable(table, options.MaxNodes), options);
        var result = calculator.CreateBreakdown();
        calculator.ComputeFullRevaluation(portfolio, market, result);
        return result;
    }
}
