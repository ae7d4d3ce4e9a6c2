using RiskGate.Engine.Joint;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Engine.Checks;

/// <summary>
/// The margin fields of a RiskParameters message for one product group, in engine units (the scan
/// points travel separately as a span). Validated and applied by
/// <see cref="RiskEngine.OnRiskParameters(long, int, in GroupMarginSettings, ReadOnlySpan{ScanPoint}, in OrderLimits)"/>.
/// </summary>
/// <remarks>Plain data; any thread may build one.</remarks>
public struct GroupMarginSettings
{
    /// <summary>Scan or Expected Shortfall; must equal the group's configured methodology.</summary>
    public MarginMethodology Methodology;

    /// <summary>Price scan range: fraction of the price (relative) or price units (absolute), finite and &gt; 0.</summary>
    public double PriceScanRange;

    /// <summary>Relative or absolute price range.</summary>
    public ScanRangeKind PriceScanKind;

    /// <summary>Vol scan range: fraction of the vol (relative, [0, 1)) or vol units (absolute, [0, 5)).</summary>
    public double VolScanRange;

    /// <summary>Relative or absolute vol range.</summary>
    public ScanRangeKind VolScanKind;

    /// <summary>Look-ahead in years, [0, 1].</summary>
    public double LookAheadYears;

    /// <summary>Initial / maintenance ratio, [1, 10].</summary>
    public double InitialRatio;

    /// <summary>Calendar spread charge per matched futures-equivalent contract, money, ≥ 0 (0 = none).</summary>
    public double SpreadRate;

    /// <summary>Short option minimum per short option contract, money, ≥ 0 (0 = none).</summary>
    public double ShortOptionMinimum;

    /// <summary>Continuously compounded discount rate, [−1, 1]. Engine-wide: see the remarks of <see cref="RiskEngine.OnRiskParameters(long, int, in GroupMarginSettings, ReadOnlySpan{ScanPoint}, in OrderLimits)"/>.</summary>
    public double RiskFreeRate;

    /// <summary>Expected Shortfall confidence level in (0.5, 1); NaN = none (scan methodology). Stored and validated for the ES methodology.</summary>
    public double ConfidenceLevel;

    /// <summary>Liquidation warning below this × maintenance, in (0, 1]; NaN = no warning from this group.</summary>
    public double LiquidationRatio;
}
