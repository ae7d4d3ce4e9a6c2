namespace RiskGate.Host.Simulate;

/// <summary>How a generated account trades.</summary>
internal enum AccountStyle : byte
{
    /// <summary>Quotes both sides of options, cancels and replaces most quotes.</summary>
    MarketMaker = 0,

    /// <summary>Buys or sells futures outright.</summary>
    Directional = 1,

    /// <summary>Long futures, short out-of-the-money calls on them.</summary>
    CoveredCall = 2,

    /// <summary>Long futures, long out-of-the-money puts on them.</summary>
    ProtectivePut = 3,

    /// <summary>Too little cash for the size it trades: margin rejects and margin calls.</summary>
    UnderCollateralised = 4,
}
