namespace RiskGate.Gate.Api;

/// <summary>
/// The decision handler of a polling gate: copies every encoded decision and wire alert into an
/// <see cref="OutboundRing"/> that a user thread polls. Engine-only alerts (empty encoding) are not forwarded.
/// </summary>
/// <remarks>Egress thread only (the gate calls it).</remarks>
public readonly struct PollingDecisionHandler : IDecisionHandler
{
    private readonly OutboundRing _ring;

    /// <summary>Creates a handler writing into <paramref name="ring"/>.</summary>
    public PollingDecisionHandler(OutboundRing ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        _ring = ring;
    }

    /// <summary>The ring polled by the user.</summary>
    public OutboundRing Ring => _ring;

    /// <inheritdoc />
    public void OnDecision(in GateDecision decision, ReadOnlySpan<byte> encoded) => _ring.Write(encoded);

    /// <inheritdoc />
    public void OnAlert(in GateAlert alert, ReadOnlySpan<byte> encoded)
    {
        if (!encoded.IsEmpty)
        {
            _ring.Write(encoded);
        }
    }

    /// <inheritdoc />
    public void OnEndOfBatch()
    {
    }
}
