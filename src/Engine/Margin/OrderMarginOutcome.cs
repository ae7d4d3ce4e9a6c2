namespace RiskGate.Engine.Margin;

/// <summary>The margin decision on a candidate order. Values are stable.</summary>
public enum OrderMarginOutcome : byte
{
    /// <summary>Post-trade initial margin is covered by post-trade equity.</summary>
    Accepted = 1,

    /// <summary>Not covered, but the order lowers the initial requirement, so it passes.</summary>
    AcceptedRiskReducing = 2,

    /// <summary>Post-trade initial margin exceeds post-trade equity and the order adds risk.</summary>
    RejectedInsufficientMargin = 3,
}
