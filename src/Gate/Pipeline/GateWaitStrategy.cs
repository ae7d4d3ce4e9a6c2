namespace RiskGate.Gate.Pipeline;

/// <summary>How a stage thread waits for work (maps onto the ring's idle strategies).</summary>
public enum GateWaitStrategy : byte
{
    /// <summary>Spin: lowest latency, burns a core. Only with a core per stage.</summary>
    BusySpin = 0,

    /// <summary>Spin, then yield the core: low latency, shares cores politely. The default.</summary>
    Yielding = 1,

    /// <summary>Spin, yield, then sleep with back-off: low CPU when idle, higher wake-up latency.</summary>
    Backoff = 2,

    /// <summary>Spin briefly, then park until the producer signals: lowest CPU, highest wake-up latency.</summary>
    Blocking = 3,
}
