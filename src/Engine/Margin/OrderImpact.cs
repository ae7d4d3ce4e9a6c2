namespace RiskGate.Engine.Margin;

/// <summary>The margin impact of one candidate order. Plain data.</summary>
public struct OrderImpact
{
    /// <summary>Initial margin before the order.</summary>
    public double InitialBefore;

    /// <summary>Initial margin as if the order were filled.</summary>
    public double InitialAfter;

    /// <summary>Equity as if the order were filled (option premium paid or received at the order price).</summary>
    public double EquityAfter;

    /// <summary>The decision.</summary>
    public OrderMarginOutcome Outcome;

    /// <summary>InitialAfter − InitialBefore.</summary>
    public readonly double IncrementalInitial => InitialAfter - InitialBefore;

    /// <summary>True unless rejected.</summary>
    public readonly bool Accepted => Outcome != OrderMarginOutcome.RejectedInsufficientMargin;
}
