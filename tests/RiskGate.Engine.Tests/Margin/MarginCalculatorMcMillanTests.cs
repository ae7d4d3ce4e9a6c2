using RiskGate.Engine.Instruments;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Engine.Tests.Margin;

public class MarginCalculatorMcMillanTests
{
    private readonly MarginCalculator _calculator;
    private readonly MarketSnapshot _market = new(4);
    private readonly InstrumentTable _table = new(4, 1);
    private readonly int _future;
    private readonly int _call;

    public MarginCalculatorMcMillanTests()
    {
        _future = _table.AddFuture(0, 0.25, McMillanSpanExample.Multiplier, 0.05);
        _call = _table.AddOption(_future, true, 410, 0.2, McMillanSpanExample.Multiplier, 0.05);
        _market.SetPrice(_future, 410);
        var scan = new ScanParameters(Spans.Default16, McMillanSpanExample.PriceScanRange, ScanRangeKind.Absolute, 0.1, ScanRangeKind.Relative);
        var options = new MarginOptions([new GroupRiskParameters(scan, 0, 0)], []);
        var arrays = new RiskArrayTable(_table, 16);
        arrays.SetExternal(_future, McMillanSpanExample.Losses(McMillanSpanExample.FuturePnl), 1.0);
        arrays.SetExternal(_call, McMillanSpanExample.Losses(McMillanSpanExample.CallPnl));
        _calculator = new MarginCalculator(_table, arrays, options);
    }

    [Theory]
    [InlineData(1, 0, 10_000, 13)] // long future: down 3/3 (13 and 14 tie, the first is reported)
    [InlineData(0, 1, 3_990, 14)] // long Dec 410 call: down 3/3, vol down
    [InlineData(0, -1, 8_060, 11)] // short call: up 3/3, vol up
    [InlineData(1, -1, 6_620, 13)] // covered write: down 3/3, vol up
    public void Compute_SuppliedArrays_PublishedScanRisk(long future, long call, double scanRisk, int worstScenario)
    {
        var g = Margin(future, call).Groups[0];
        Assert.Equal(scanRisk, g.ScanRisk, 9);
        Assert.Equal(worstScenario, g.WorstScenario);
    }

    [Fact]
    public void Compute_CoveredWrite_ScenarioVectorIsThePublishedTable()
    {
        var pnl = Margin(1, -1).Groups[0].ScenarioPnl;
        for (var s = 0; s < 16; s++)
        {
            Assert.Equal(-McMillanSpanExample.CoveredWritePnl[s], pnl[s], 9);
        }
    }

    [Fact]
    public void Compute_CoveredWrite_LessThanLegsMarginedSeparately()
    {
        var separately = Margin(1, 0).Maintenance + Margin(0, -1).Maintenance;
        Assert.Equal(18_060, separately, 9);
        Assert.Equal(6_620, Margin(1, -1).Maintenance, 9);
    }

    private MarginBreakdown Margin(long future, long call)
    {
        var p = new Portfolio(_table);
        p.SetPosition(_future, future, 410);
        p.SetPosition(_call, call, 10);
        var result = _calculator.CreateBreakdown();
        _calculator.Compute(p, _market, result);
        return result;
    }
}
