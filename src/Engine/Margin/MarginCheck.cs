using RiskGate.Engine.State;

namespace RiskGate.Engine.Margin;

/// <summary>
/// Result of an incremental margin check (<see cref="IncrementalMargin.CheckOrder"/>) or of an account
/// requirement (<see cref="IncrementalMargin.Requirement"/>, where "after" equals "before"). Plain data.
/// </summary>
/// <remarks>
/// With working orders, maintenance is the worse side: max(M(positions + working buys),
/// M(positions + working sells)); the order joins its own side. Equity counts positions only (plus
/// the order's premium and mark-to-market at its price in <see cref="EquityAfter"/>).
/// </remarks>
public struct MarginCheck
{
    /// <summary><see cref="StateStatus.Ok"/> when the check was evaluated; otherwise why not (the margin fields are then zero).</summary>
    public StateStatus Status;

    /// <summary>The margin decision (valid when <see cref="Status"/> is Ok).</summary>
    public OrderMarginOutcome Outcome;

    /// <summary>Maintenance requirement before the order.</summary>
    public double MaintenanceBefore;

    /// <summary>Maintenance requirement as if the order were filled.</summary>
    public double MaintenanceAfter;

    /// <summary>Initial margin before the order (rounded as configured).</summary>
    public double InitialBefore;

    /// <summary>Initial margin as if the order were filled.</summary>
    public double InitialAfter;

    /// <summary>Equity before the order.</summary>
    public double EquityBefore;

    /// <summary>Equity as if the order were filled at its price.</summary>
    public double EquityAfter;

    /// <summary>True when evaluated and not rejected.</summary>
    public readonly bool Accepted => Status == StateStatus.Ok && Outcome != OrderMarginOutcome.RejectedInsufficientMargin;
}
