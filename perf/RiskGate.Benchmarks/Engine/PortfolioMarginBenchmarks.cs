using BenchmarkDotNet.Attributes;
using RiskGate.Engine.Instruments;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Benchmarks.Engine;

/// <summary>
/// Integrated margin of a 50-position portfolio (2 correlated groups, 3 futures each, 20 calls and
/// 20 puts per future, positions drawn with a fixed seed): full revaluation (rebuild the 50 risk
/// arrays, then margin) against the scan over prepared arrays, and one candidate order.
/// Twin test: MarginCalculatorTests.ComputeFullRevaluation_FiftyPositionBook_EqualsSumOfLegVectorsAndAllocatesNothing.
/// </summary>
[MemoryDiagnoser]
public class PortfolioMarginBenchmarks
{
    private MarketSnapshot _market = null!;
    private MarginCalculator _calculator = null!;
    private Portfolio _portfolio = null!;
    private MarginBreakdown _result = null!;
    private int _orderInstrument;

    [GlobalSetup]
    public void Setup()
    {
        var table = new InstrumentTable(512, 2);
        _market = new MarketSnapshot(512) { Rate = 0.04 };
        var scan = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
        for (var g = 0; g < 2; g++)
        {
            var price = g == 0 ? 6000.0 : 21000.0;
            for (var e = 1; e <= 3; e++)
            {
                var t = 0.25 * e;
                var f = table.AddFuture(g, t, g == 0 ? 50 : 20, 0.25);
                _market.SetPrice(f, price * (1 + 0.01 * e));
                var smile = new SviSmile(t - 0.01, 0.0008 * e, 0.012, -0.6, 0.01, 0.08);
                for (var k = -10; k < 10; k++)
                {
                    var strike = Math.Round(price * (1 + 0.01 * k));
                    _market.SetSmile(table.AddOption(f, true, strike, t - 0.01, g == 0 ? 50 : 20, 0.05), smile);
                    _market.SetSmile(table.AddOption(f, false, strike, t - 0.01, g == 0 ? 50 : 20, 0.05), smile);
                }
            }
        }

        var options = new MarginOptions(
            [new GroupRiskParameters(scan, 300, 100), new GroupRiskParameters(scan, 300, 100)],
            [new InterGroupCredit(0, 1, 0.5, 1, 1)]);
        _calculator = new MarginCalculator(table, new RiskArrayTable(table, 16), options);
        _portfolio = new Portfolio(table) { Cash = 5_000_000 };
        var random = new Random(50);
        while (_portfolio.HeldCount < 50)
        {
            var i = random.Next(table.Count);
            if (_portfolio.Quantity(i) == 0)
            {
                var q = random.Next(1, 11) * (random.Next(2) == 0 ? -1 : 1);
                _portfolio.SetPosition(i, q, table[i].IsOption ? 50 : _market.Price(i));
            }
        }

        _orderInstrument = table.Count - 1;
        _result = _calculator.CreateBreakdown();
        _calculator.Revalue(_market);
        _calculator.ComputeFullRevaluation(_portfolio, _market, _result);
        if (!(_result.Maintenance > 0 && _portfolio.HeldCount == 50))
        {
            throw new InvalidOperationException("50-position portfolio margined to " + _result.Maintenance);
        }
    }

    [Benchmark(Baseline = true)]
    public double FullRevaluation50()
    {
        _calculator.ComputeFullRevaluation(_portfolio, _market, _result);
        return _result.Maintenance;
    }

    [Benchmark]
    public double ScanPreparedArrays50()
    {
        _calculator.Compute(_portfolio, _market, _result);
        return _result.Maintenance;
    }

    [Benchmark]
    public double CandidateOrder50() => _calculator.EvaluateOrder(_portfolio, _market, _result, _orderInstrument, 1, 50).IncrementalInitial;
}
