namespace RiskGate.Engine.Instruments;

/// <summary>What an instrument is. Values are stable: they travel in instrument definitions.</summary>
public enum InstrumentKind : byte
{
    /// <summary>A future: linear in its own price.</summary>
    Future = 1,

    /// <summary>A European option on one specific future, priced with Black-76.</summary>
    Option = 2,
}
