using System.Buffers.Binary;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Flyweight encoder of <c>Heartbeat</c> (template 21, inbound) writing in place into a span: Advances engine time when no other message does.
/// <see cref="Wrap"/> writes the message header, zeroes the block and sets every optional field to its null value, so
/// a field never set is zero (required) or null (optional). Setters return the encoder for chaining. Used by the
/// thread that owns the span; allocates nothing. Layout and field meaning: <see cref="HeartbeatDecoder"/> and docs/protocol.md.
/// </summary>
public readonly ref struct HeartbeatEncoder
{
    /// <summary>Encoded length of the message: 8-byte header plus the block.</summary>
    public const int Length = MessageHeader.Length + HeartbeatDecoder.BlockLength;

    private readonly Span<byte> _block;

    private HeartbeatEncoder(Span<byte> buffer)
    {
        _block = buffer.Slice(MessageHeader.Length, HeartbeatDecoder.BlockLength);
    }

    /// <summary>Bytes the message occupies: header and block.</summary>
    public int EncodedLength => MessageHeader.Length + _block.Length;

    /// <summary>
    /// Starts a message at the start of <paramref name="buffer"/>. Throws <see cref="ArgumentException"/> when the
    /// buffer is shorter than <see cref="Length"/>; writes nothing past the message.
    /// </summary>
    public static HeartbeatEncoder Wrap(Span<byte> buffer)
    {
        if (buffer.Length < MessageHeader.Length + HeartbeatDecoder.BlockLength)
        {
            ThrowHelper.ThrowBufferTooSmall(nameof(buffer), MessageHeader.Length + HeartbeatDecoder.BlockLength, buffer.Length);
        }

        MessageHeader.Write(buffer, HeartbeatDecoder.BlockLength, HeartbeatDecoder.TemplateId);
        var block = buffer.Slice(MessageHeader.Length, HeartbeatDecoder.BlockLength);
        block.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(block.Slice(HeartbeatDecoder.SequenceOffset), WireNull.UInt64);
        return new HeartbeatEncoder(buffer);
    }

    /// <summary>Writes <c>sendingTime</c>: Current time; engine time advances to it.</summary>
    public HeartbeatEncoder SendingTime(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(HeartbeatDecoder.SendingTimeOffset), value);
        return this;
    }

    /// <summary>Writes <c>sequence</c>: Sender's heartbeat sequence. Null: 2^64-1 (none).</summary>
    public HeartbeatEncoder Sequence(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.Slice(HeartbeatDecoder.SequenceOffset), value);
        return this;
    }
}
