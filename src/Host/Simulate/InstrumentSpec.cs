using RiskGate.Engine.Instruments;

namespace RiskGate.Host.Simulate;

/// <summary>One instrument of a generated session, as its definition message states it. Plain data.</summary>
/// <param name="Id">Instrument id.</param>
/// <param name="Kind">Future or option.</param>
/// <param name="Group">Product group index.</param>
/// <param name="UnderlyingId">The future an option is written on (0 for a future).</param>
/// <param name="ExpiryNanoseconds">Expiry, message-clock nanoseconds.</param>
/// <param name="Strike">Strike in price units (0 for a future).</param>
/// <param name="IsCall">Call (true) or put.</param>
/// <param name="Multiplier">Contract multiplier.</param>
/// <param name="Tick">Tick size in price units.</param>
/// <param name="FutureSlot">Index of the future in <see cref="SessionUniverse.Futures"/> (the underlying's, for an option).</param>
internal readonly record struct InstrumentSpec(
    uint Id,
    InstrumentKind Kind,
    int Group,
    uint UnderlyingId,
    long ExpiryNanoseconds,
    double Strike,
    bool IsCall,
    double Multiplier,
    double Tick,
    int FutureSlot);
