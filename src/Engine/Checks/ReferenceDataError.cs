namespace RiskGate.Engine.Checks;

/// <summary>
/// Why the engine refused a reference-data message (RiskParameters, scoped AccountLimits) with
/// <see cref="RejectCode.InvalidReferenceData"/> or <see cref="RejectCode.CapacityExhausted"/>: the field
/// that failed. Left in <see cref="RiskEngine.LastReferenceDataError"/> by every reference-data call
/// (<see cref="None"/> when it was accepted). Values are stable.
/// </summary>
public enum ReferenceDataError : byte
{
    /// <summary>Accepted.</summary>
    None = 0,

    /// <summary>The product group is not one of the engine's groups.</summary>
    UnknownGroup = 1,

    /// <summary>The methodology is not the one configured for the group (the engine cannot switch a group's methodology at run time).</summary>
    MethodologyMismatch = 2,

    /// <summary>No scan points, or more than <see cref="Scenarios.ScanParameters.MaxPoints"/>.</summary>
    ScanPointCount = 3,

    /// <summary>More scan points than the engine's node capacity (<see cref="RiskEngineOptions.MaxScanNodes"/>); never truncated.</summary>
    ScanPointCapacity = 4,

    /// <summary>A scan point's price move (finite, |u| ≤ 100), vol move (finite, |v| ≤ 10) or weight (0, 1] is out of range.</summary>
    ScanPoint = 5,

    /// <summary>Price scan range not finite and &gt; 0, or a relative range that would make a shocked price ≤ 0.</summary>
    PriceScanRange = 6,

    /// <summary>Price or vol scan range kind is neither relative nor absolute.</summary>
    ScanRangeKind = 7,

    /// <summary>Vol scan range outside [0, 1) relative or [0, 5) absolute.</summary>
    VolScanRange = 8,

    /// <summary>Look-ahead outside [0, 1] year.</summary>
    LookAhead = 9,

    /// <summary>Initial / maintenance ratio outside [1, 10].</summary>
    InitialRatio = 10,

    /// <summary>Spread charge rate negative or not finite.</summary>
    SpreadChargeRate = 11,

    /// <summary>Short option minimum negative or not finite.</summary>
    ShortOptionMinimum = 12,

    /// <summary>Risk-free rate outside [−1, 1].</summary>
    RiskFreeRate = 13,

    /// <summary>Confidence level outside (0.5, 1) (or missing for the Expected Shortfall methodology).</summary>
    ConfidenceLevel = 14,

    /// <summary>Liquidation ratio outside (0, 1].</summary>
    LiquidationRatio = 15,

    /// <summary>A default or override limit is out of range.</summary>
    Limits = 16,

    /// <summary>The account of a scoped limit is not registered (send its account-wide AccountLimits first).</summary>
    UnknownAccount = 17,

    /// <summary>The instrument of an instrument-scoped limit is not defined.</summary>
    UnknownInstrument = 18,

    /// <summary>A group- or instrument-scoped limit names an account-wide field (working orders, throttle, enabled state).</summary>
    AccountWideField = 19,

    /// <summary>The scoped-limit table is full (<see cref="RiskEngineOptions.MaxScopedLimits"/>).</summary>
    ScopedLimitCapacity = 20,

    /// <summary>Both a group and an instrument scope were given.</summary>
    AmbiguousScope = 21,
}
