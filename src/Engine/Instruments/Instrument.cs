namespace RiskGate.Engine.Instruments;

/// <summary>
/// One registered instrument: plain data, written once by <see cref="InstrumentTable"/> at
/// registration and read by reference afterwards (same thread as the table's owner).
/// </summary>
/// <remarks>
/// Times are in years relative to the valuation time the caller chose when registering: the engine
/// reads no clock. For a future, <see cref="Underlying"/> is its own index and <see cref="Strike"/>
/// is zero.
/// </remarks>
public struct Instrument
{
    /// <summary>Dense index 0..N−1 assigned at registration.</summary>
    public int Index;

    /// <summary>Future or option.</summary>
    public InstrumentKind Kind;

    /// <summary>Dense index of the product group (one underlying).</summary>
    public int Group;

    /// <summary>Index of the future this instrument moves with (itself for a future).</summary>
    public int Underlying;

    /// <summary>Time to expiry in years at the valuation time (0 = expiring now).</summary>
    public double ExpiryYears;

    /// <summary>Option strike in price units; 0 for a future.</summary>
    public double Strike;

    /// <summary>True for a call, false for a put; false for a future.</summary>
    public bool IsCall;

    /// <summary>Money per one point of price per contract.</summary>
    public double Multiplier;

    /// <summary>Minimum price increment.</summary>
    public double TickSize;

    /// <summary>True when this instrument is an option.</summary>
    public readonly bool IsOption => Kind == InstrumentKind.Option;
}
