namespace RiskGate.Host.Simulate;

/// <summary>Idle strategy of the gate's stages, as named on the command line.</summary>
internal enum WaitKind : byte
{
    /// <summary>busy-spin: lowest latency, burns a core.</summary>
    BusySpin = 0,

    /// <summary>yield: spin then yield the core.</summary>
    Yield = 1,

    /// <summary>sleep: spin, yield, then sleep with back-off.</summary>
    Sleep = 2,

    /// <summary>block: wait on a signal.</summary>
    Block = 3,
}
