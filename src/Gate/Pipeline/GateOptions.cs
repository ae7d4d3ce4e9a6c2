using RiskGate.Engine;

namespace RiskGate.Gate.Pipeline;

/// <summary>
/// Settings of a gate (pipeline or direct mode), validated by <see cref="Validate"/> at construction of the
/// gate: a bad value throws <see cref="ArgumentOutOfRangeException"/> naming the setting and its allowed range.
/// </summary>
/// <remarks>Configuring thread only; the gate reads it once at construction.</remarks>
public sealed class GateOptions
{
    /// <summary>Largest ring size accepted.</summary>
    public const int MaxRingSize = 1 << 24;

    /// <summary>The engine's options (capacities, margin set-up, default limits). Required.</summary>
    public RiskEngineOptions? Engine { get; init; }

    /// <summary>Slots in the input ring: a power of two in [16, 2^24]. Default 65,536.</summary>
    public int RingSize { get; init; } = 1 << 16;

    /// <summary>Single or multiple submitting threads. Default <see cref="GateProducerType.Multi"/>.</summary>
    public GateProducerType ProducerType { get; init; } = GateProducerType.Multi;

    /// <summary>How the risk stage waits. Default <see cref="GateWaitStrategy.Yielding"/>.</summary>
    public GateWaitStrategy RiskWait { get; init; } = GateWaitStrategy.Yielding;

    /// <summary>How the egress stage waits. Default <see cref="GateWaitStrategy.Yielding"/>.</summary>
    public GateWaitStrategy EgressWait { get; init; } = GateWaitStrategy.Yielding;

    /// <summary>Most events a stage handles before publishing progress: in [1, 2^24], capped at the ring size. Default 1,024.</summary>
    public int MaxBatchSize { get; init; } = 1024;

    /// <summary>Inputs between two margin-call sweeps, in [1, 2^30]. Default 1,024.</summary>
    public int SweepInterval { get; init; } = 1024;

    /// <summary>Accounts examined per sweep, in [0, 2^20] (0 disables the sweep). Default 64.</summary>
    public int SweepAccounts { get; init; } = 64;

    /// <summary>Alerts in flight between the risk and egress stages: a power of two in [16, 2^24]; overflow is counted. Default 16,384.</summary>
    public int AlertQueueSize { get; init; } = 1 << 14;

    /// <summary>Encoded messages the polling ring holds (polling gates only): a power of two in [16, 2^24]. Default 65,536.</summary>
    public int OutboundRingSize { get; init; } = 1 << 16;

    /// <summary>
    /// Buffers for messages larger than a slot submitted after start (RiskParameters with scan points,
    /// VolSurface with grid points), in [0, 65,536]; 0 disables the path (such messages get
    /// <c>TooLarge</c>). When all are in flight a large submit returns <c>Busy</c>. Default 64.
    /// </summary>
    public int LargeMessageBuffers { get; init; } = 64;

    /// <summary>
    /// Bytes per large-message buffer, in [97, 65,536]: the largest message the pipeline accepts after
    /// start (a longer one gets <c>TooLarge</c>). Default 4,096 (the largest RiskParameters is 3,220 bytes).
    /// </summary>
    public int LargeMessageCapacity { get; init; } = 4096;

    /// <summary>Checks every setting. Called by every gate constructor.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it and the allowed range.</exception>
    public void Validate()
    {
        if (Engine is null)
        {
            throw new ArgumentOutOfRangeException(nameof(Engine), "GateOptions.Engine is required (the engine's capacities and margin set-up); it was null.");
        }

        CheckPowerOfTwo(RingSize, nameof(RingSize));
        CheckPowerOfTwo(AlertQueueSize, nameof(AlertQueueSize));
        CheckPowerOfTwo(OutboundRingSize, nameof(OutboundRingSize));
        CheckRange(MaxBatchSize, 1, MaxRingSize, nameof(MaxBatchSize), "[1, 2^24]");
        CheckRange(SweepInterval, 1, 1 << 30, nameof(SweepInterval), "[1, 2^30]");
        CheckRange(SweepAccounts, 0, 1 << 20, nameof(SweepAccounts), "[0, 2^20]");
        CheckRange(LargeMessageBuffers, 0, 1 << 16, nameof(LargeMessageBuffers), "[0, 65536]");
        CheckRange(LargeMessageCapacity, 97, 1 << 16, nameof(LargeMessageCapacity), "[97, 65536] bytes");
        if (!Enum.IsDefined(ProducerType))
        {
            throw new ArgumentOutOfRangeException(nameof(ProducerType), ProducerType, "GateOptions.ProducerType must be Single or Multi.");
        }

        if (!Enum.IsDefined(RiskWait))
        {
            throw new ArgumentOutOfRangeException(nameof(RiskWait), RiskWait, "GateOptions.RiskWait must be BusySpin, Yielding, Backoff or Blocking.");
        }

        if (!Enum.IsDefined(EgressWait))
        {
            throw new ArgumentOutOfRangeException(nameof(EgressWait), EgressWait, "GateOptions.EgressWait must be BusySpin, Yielding, Backoff or Blocking.");
        }
    }

    private static void CheckPowerOfTwo(int value, string name)
    {
        if (value < 16 || value > MaxRingSize || !int.IsPow2(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "GateOptions." + name + " must be a power of two in [16, 2^24].");
        }
    }

    private static void CheckRange(int value, int min, int max, string name, string range)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, "GateOptions." + name + " must be in " + range + ".");
        }
    }
}
