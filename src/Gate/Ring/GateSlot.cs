using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace RiskGate.Gate.Ring;

/// <summary>
/// One slot of the gate's ring: a binary message held inline, its metadata, and the decision the risk
/// stage writes back. 160 bytes (a multiple of 32); a layout test pins every offset.
/// </summary>
/// <remarks>
/// <code>
///   0 ┌──────────────────────────────────────────┐
///     │ Message: 96 bytes inline (SBE header +   │  written by the producer
///     │ body; the risk fields in the first 64)   │
///  96 ├ ReceiveTimestampNs  i64 ─────────────────┤  producer (the engine reads no clock)
/// 104 ├ SourceId            i64 ─────────────────┤  producer: session / source id
/// 112 ├ Length  i32 ─┬ Validity u8 ┬ pad u8 ┬ DecisionStatus u16 ┤
/// 120 ├ InitialMarginBefore i64 ─────────────────┤  risk stage (MONEY4 mantissa)
/// 128 ├ InitialMarginAfter  i64 ─────────────────┤  risk stage (MONEY4 mantissa)
/// 136 ├ Equity              i64 ─────────────────┤  risk stage (MONEY4 mantissa)
/// 144 ├ Excess              i64 ─────────────────┤  risk stage (MONEY4 mantissa)
/// 152 ├ DecisionSequence    i64 ─────────────────┤  risk stage
/// 160 └──────────────────────────────────────────┘
/// </code>
/// <para>Money is a <c>long</c> mantissa with exponent −4 (MONEY4: 1.2345 is 12345), the same fixed
/// exponent as the wire, so decisions stay exact and deterministic on replay.</para>
/// <para>Ownership: the producer writes message and metadata between claim and publish; only the risk stage
/// writes the decision fields; later stages only read. Slots are reused, not cleared: a producer sets every
/// metadata field, including <see cref="Validity"/>, each time (<see cref="TryWriteMessage"/> does).</para>
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct GateSlot
{
    /// <summary>Bytes of message the slot holds inline; every order-path message fits (the protocol guarantees it).</summary>
    public const int MessageCapacity = 96;

    /// <summary>Size of the slot in bytes.</summary>
    public const int Size = 160;

    /// <summary>The message bytes; only the first <see cref="Length"/> are meaningful.</summary>
    [FieldOffset(0)]
    public GateMessageBuffer Message;

    /// <summary>Receive time in nanoseconds, supplied by the producer.</summary>
    [FieldOffset(96)]
    public long ReceiveTimestampNs;

    /// <summary>The session or source the message came from.</summary>
    [FieldOffset(104)]
    public long SourceId;

    /// <summary>Message length in bytes, 0 to <see cref="MessageCapacity"/>.</summary>
    [FieldOffset(112)]
    public int Length;

    /// <summary>Whether the message is complete; stages skip <see cref="SlotValidity.Invalid"/> slots.</summary>
    [FieldOffset(116)]
    public SlotValidity Validity;

    /// <summary>Decision status or reject reason (the protocol's reject reason numbering), written by the risk stage.</summary>
    [FieldOffset(118)]
    public ushort DecisionStatus;

    /// <summary>Initial margin before the order, MONEY4 mantissa.</summary>
    [FieldOffset(120)]
    public long InitialMarginBefore;

    /// <summary>Initial margin after the order, MONEY4 mantissa.</summary>
    [FieldOffset(128)]
    public long InitialMarginAfter;

    /// <summary>Account equity at the decision, MONEY4 mantissa.</summary>
    [FieldOffset(136)]
    public long Equity;

    /// <summary>Equity minus initial margin after the decision, MONEY4 mantissa.</summary>
    [FieldOffset(144)]
    public long Excess;

    /// <summary>The risk stage's decision sequence number.</summary>
    [FieldOffset(152)]
    public long DecisionSequence;

    /// <summary>The valid part of the message (empty if <see cref="Length"/> is out of range). Any thread that owns the slot.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<byte> MessageSpan =>
        (uint)Length <= MessageCapacity ? ((ReadOnlySpan<byte>)Message)[..Length] : default;

    /// <summary>
    /// Copies <paramref name="message"/> into the slot and sets its metadata, marking it valid. Producer,
    /// between claim and publish.
    /// </summary>
    /// <returns>True when written; false when the message is longer than <see cref="MessageCapacity"/>
    /// (the slot is then marked invalid and must still be published).</returns>
    public bool TryWriteMessage(ReadOnlySpan<byte> message, long sourceId, long receiveTimestampNs)
    {
        SourceId = sourceId;
        ReceiveTimestampNs = receiveTimestampNs;
        if (message.Length > MessageCapacity)
        {
            Invalidate();
            return false;
        }

        message.CopyTo(Message);
        Length = message.Length;
        DecisionStatus = 0;
        Validity = SlotValidity.Valid;
        return true;
    }

    /// <summary>Marks the slot invalid (length 0) so every stage skips it. Producer, between claim and publish.</summary>
    public void Invalidate()
    {
        Length = 0;
        DecisionStatus = 0;
        Validity = SlotValidity.Invalid;
    }
}
