using RiskGate.Engine.Checks;
using RiskGate.Engine.Joint;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Engine.Tests.Joint;

/// <summary>RiskParameters must name the methodology a group is configured with in <see cref="RiskEngineOptions.Joint"/>.</summary>
public class JointRiskParametersTests
{
    [Fact]
    public void ConfiguredMethodology_JointOptions_ReportsEachGroupsMethodology()
    {
        var fx = new JointEngineFixture(es: MarginMethodology.Scan, nq: MarginMethodology.ExpectedShortfall);

        Assert.Equal(MarginMethodology.Scan, fx.Engine.ConfiguredMethodology(0));
        Assert.Equal(MarginMethodology.ExpectedShortfall, fx.Engine.ConfiguredMethodology(1));
    }

    [Theory]
    [InlineData(1, MarginMethodology.ExpectedShortfall, 0.99, true)]  // the ES group, named ES
    [InlineData(1, MarginMethodology.Scan, double.NaN, false)]         // the ES group, named scan
    [InlineData(0, MarginMethodology.Scan, double.NaN, true)]          // the scan group, named scan
    [InlineData(0, MarginMethodology.ExpectedShortfall, 0.99, false)]  // the scan group, named ES
    public void OnRiskParameters_Methodology_AcceptedOnlyWhenItIsTheGroups(int group, MarginMethodology methodology, double confidence, bool accepted)
    {
        var fx = new JointEngineFixture(es: MarginMethodology.Scan, nq: MarginMethodology.ExpectedShortfall);
        var settings = new GroupMarginSettings
        {
            Methodology = methodology,
            PriceScanRange = 0.06,
            PriceScanKind = ScanRangeKind.Relative,
            VolScanRange = 0.25,
            VolScanKind = ScanRangeKind.Relative,
            LookAheadYears = ScanParameters.OneDay,
            InitialRatio = 1.10,
            SpreadRate = 0,
            ShortOptionMinimum = 0,
            RiskFreeRate = 0,
            ConfidenceLevel = confidence,
            LiquidationRatio = double.NaN,
        };

        var decision = fx.Engine.OnRiskParameters(1_000_000, group, in settings, Spans.Default16, fx.Options.DefaultLimits);

        Assert.Equal(accepted, decision.Accepted);
        Assert.Equal(accepted ? ReferenceDataError.None : ReferenceDataError.MethodologyMismatch, fx.Engine.LastReferenceDataError);
    }
}
