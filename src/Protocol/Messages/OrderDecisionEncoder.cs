using System.Buffers.Binary;
using RiskGate.Protocol.Enums;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight encoder of <c>OrderDecision</c> (template 100, outbound) writing in place into a span: The gate's decision on an order-path message.
/// <see cref="Wrap"/> writes the message header, zeroes the block and sets every optional field to its null value, so
/// a field never set is zero (required) or null (optional). Setters return the encoder for chaining. Used by the
/// thread that owns the span; allocates nothing. Layout and field meaning: <see cref="OrderDecisionDecoder"/> and docs/protocol.md.
/// </summary>
public readonly ref struct OrderDecisionEncoder
{
    /// <summary>Encoded length of the message: 8-byte header plus the block.</summary>
    public const int Length = MessageHeader.Length + OrderDecisionDecoder.BlockLength;

    private readonly Span<byte> _block;

    private OrderDecisionEncoder(Span<byte> buffer)
    {
        _block = buffer.Slice(MessageHeader.Length, OrderDecisionDecoder.BlockLength);
    }

    /// <summary>Bytes the message occupies: header and block.</summary>
    public int EncodedLength => MessageHeader.Length + _block.Length;

    /// <summary>
    /// Starts a message at the start of <paramref name="buffer"/>. Throws <see cref="ArgumentException"/> when the
    /// buffer is shorter than <see cref="Length"/>; writes nothing past the message.
    /// </summary>
    public static OrderDecisionEncoder Wrap(Span<byte> buffer)
    {
        if (buffer.Length < MessageHeader.Length + OrderDecisionDecoder.BlockLength)
        {
            ThrowHelper.ThrowBufferTooSmall(nameof(buffer), MessageHeader.Length + OrderDecisionDecoder.BlockLength, buffer.Length);
        }

        MessageHeader.Write(buffer, OrderDecisionDecoder.BlockLength, OrderDecisionDecoder.TemplateId);
        var block = buffer.Slice(MessageHeader.Length, OrderDecisionDecoder.BlockLength);
        block.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(block.Slice(OrderDecisionDecoder.InstrumentIdOffset), WireNull.Id);
        BinaryPrimitives.WriteInt64LittleEndian(block.Slice(OrderDecisionDecoder.InitialMarginBeforeOffset), WireNull.Money);
        BinaryPrimitives.WriteInt64LittleEndian(block.Slice(OrderDecisionDecoder.InitialMarginAfterOffset), WireNull.Money);
        BinaryPrimitives.WriteInt64LittleEndian(block.Slice(OrderDecisionDecoder.EquityOffset), WireNull.Money);
        BinaryPrimitives.WriteInt64LittleEndian(block.Slice(OrderDecisionDecoder.ExcessOffset), WireNull.Money);
        return new OrderDecisionEncoder(buffer);
    }

    /// <summary>Writes <c>sequence</c>: Outbound sequence number, gap-free per gate.</summary>
    public OrderDecisionEncoder Sequence(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(OrderDecisionDecoder.SequenceOffset), value);
        return this;
    }

    /// <summary>Writes <c>inputSequence</c>: Ring sequence of the input message decided.</summary>
    public OrderDecisionEncoder InputSequence(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(OrderDecisionDecoder.InputSequenceOffset), value);
        return this;
    }

    /// <summary>Writes <c>clientOrderId</c>: Client order id (or request id) of the input.</summary>
    public OrderDecisionEncoder ClientOrderId(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(OrderDecisionDecoder.ClientOrderIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>accountId</c>: Account.</summary>
    public OrderDecisionEncoder AccountId(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(OrderDecisionDecoder.AccountIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>instrumentId</c>: Instrument. Null: 4294967295 (collateral requests).</summary>
    public OrderDecisionEncoder InstrumentId(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_block.Slice(OrderDecisionDecoder.InstrumentIdOffset), value);
        return this;
    }

    /// <summary>Writes <c>status</c>: Accepted or rejected.</summary>
    public OrderDecisionEncoder Status(DecisionStatus value)
    {
        _block[OrderDecisionDecoder.StatusOffset] = (byte)value;
        return this;
    }

    /// <summary>Writes <c>rejectReason</c>: Why it was rejected; 0 None when accepted.</summary>
    public OrderDecisionEncoder RejectReason(RejectReason value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_block.Slice(OrderDecisionDecoder.RejectReasonOffset), (ushort)value);
        return this;
    }

    /// <summary>Writes <c>initialMarginBefore</c>: Account initial margin before the message. Null: -2^63 (not computed).</summary>
    public OrderDecisionEncoder InitialMarginBefore(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(OrderDecisionDecoder.InitialMarginBeforeOffset), value);
        return this;
    }

    /// <summary>Writes <c>initialMarginAfter</c>: Account initial margin after (accepted) or as it would be (rejected). Null: -2^63 (not computed).</summary>
    public OrderDecisionEncoder InitialMarginAfter(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(OrderDecisionDecoder.InitialMarginAfterOffset), value);
        return this;
    }

    /// <summary>Writes <c>equity</c>: Account equity. Null: -2^63 (not computed).</summary>
    public OrderDecisionEncoder Equity(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(OrderDecisionDecoder.EquityOffset), value);
        return this;
    }

    /// <summary>Writes <c>excess</c>: Equity − initial margin after. Null: -2^63 (not computed).</summary>
    public OrderDecisionEncoder Excess(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block.Slice(OrderDecisionDecoder.ExcessOffset), value);
        return this;
    }

    /// <summary>Writes <c>receiveTime</c>: When the gate received the message (the input's time).</summary>
    public OrderDecisionEncoder ReceiveTime(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(OrderDecisionDecoder.ReceiveTimeOffset), value);
        return this;
    }

    /// <summary>Writes <c>decisionTime</c>: Engine time of the decision.</summary>
    public OrderDecisionEncoder DecisionTime(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(OrderDecisionDecoder.DecisionTimeOffset), value);
        return this;
    }
}
