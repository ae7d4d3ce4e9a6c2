namespace RiskGate.Gate.Api;

/// <summary>
/// A claimed ring slot for encoding a message in place (no double copy): encode into <see cref="Buffer"/>,
/// then publish it with <c>GatePipeline.Publish</c>. Every successful claim must be published, even if
/// encoding failed (publish with length 0: the slot gets a <c>MalformedMessage</c> decision).
/// </summary>
/// <remarks>Producer thread that claimed it, until it publishes. A ref struct: it cannot outlive the call chain.</remarks>
public readonly ref struct SlotClaim
{
    internal SlotClaim(long sequence, Span<byte> buffer)
    {
        Sequence = sequence;
        Buffer = buffer;
    }

    /// <summary>The slot's ring sequence (the decision's input sequence).</summary>
    public long Sequence { get; }

    /// <summary>The slot's inline message area (96 bytes): encode the message here, header first.</summary>
    public Span<byte> Buffer { get; }
}
