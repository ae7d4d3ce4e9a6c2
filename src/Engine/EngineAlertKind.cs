namespace RiskGate.Engine;

/// <summary>Kind of an <see cref="EngineAlert"/>; 1–5 equal the wire <c>AlertKind</c>, 6 is engine-only.</summary>
public enum EngineAlertKind : byte
{
    /// <summary>Equity fell below maintenance: the account turned reduce-only.</summary>
    MarginCall = 1,

    /// <summary>Equity fell below the liquidation fraction of maintenance.</summary>
    LiquidationWarning = 2,

    /// <summary>A trading control changed a scope's state.</summary>
    TradingStateChanged = 3,

    /// <summary>Equity is back at or above maintenance: the margin-call reduce-only state is lifted.</summary>
    MarginCallCleared = 4,

    /// <summary>A working order was cancelled by a kill switch (one alert per order).</summary>
    OrdersCancelledByKillSwitch = 5,

    /// <summary>A Day or GTD working order expired and released its reservation (one alert per order).</summary>
    OrderExpired = 6,
}
