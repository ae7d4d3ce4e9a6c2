namespace RiskGate.Host.Simulate;

/// <summary>What a generated message is, for counting and for deciding which latencies to record.</summary>
internal enum SessionMessageKind : byte
{
    /// <summary>Start-of-day account limits (enables the account).</summary>
    AccountSetup = 0,

    /// <summary>New order.</summary>
    NewOrder = 1,

    /// <summary>Cancel of a working order.</summary>
    Cancel = 2,

    /// <summary>Cancel/replace of a working order.</summary>
    Replace = 3,

    /// <summary>Fill of a working order.</summary>
    Fill = 4,

    /// <summary>Futures price (the market path).</summary>
    MarketData = 5,

    /// <summary>Collateral set, deposit or withdrawal.</summary>
    Collateral = 6,

    /// <summary>Kill switch on or off for one account.</summary>
    KillSwitch = 7,
}
