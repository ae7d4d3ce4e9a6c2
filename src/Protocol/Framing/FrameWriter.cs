using System.Buffers;
using RiskGate.Protocol.Messages;

namespace RiskGate.Protocol.Framing;

/// <summary>
/// Writes one framed message into an <see cref="IBufferWriter{T}"/> (a <c>PipeWriter</c>, a journal buffer) without
/// copying: <see cref="Begin"/> reserves the framing header and returns a writer whose <see cref="Message"/> span an
/// encoder wraps; <see cref="Commit"/> writes the framing header for the encoded length and advances the output.
/// <code>
/// var frame = FrameWriter.Begin(output, NewOrderEncoder.Length);
/// var length = NewOrderEncoder.Wrap(frame.Message).ClientOrderId(7) /* … */ .EncodedLength;
/// frame.Commit(length);
/// </code>
/// Used by the thread that owns the output; allocates nothing itself (the output may grow its buffer).
/// </summary>
public readonly ref struct FrameWriter
{
    private readonly IBufferWriter<byte> _output;
    private readonly Span<byte> _frame;

    private FrameWriter(IBufferWriter<byte> output, Span<byte> frame)
    {
        _output = output;
        _frame = frame;
    }

    /// <summary>Span for the message (from its message header), at least the requested length.</summary>
    public Span<byte> Message => _frame.Slice(FramingHeader.Length);

    /// <summary>
    /// Reserves a frame for a message of up to <paramref name="maxMessageLength"/> bytes. Throws
    /// <see cref="ArgumentNullException"/> or <see cref="ArgumentOutOfRangeException"/> on a null output or a length
    /// outside [8, <see cref="ProtocolInfo.MaxMaxFrameLength"/> − 6].
    /// </summary>
    public static FrameWriter Begin(IBufferWriter<byte> output, int maxMessageLength)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (maxMessageLength is < MessageHeader.Length or > ProtocolInfo.MaxMaxFrameLength - FramingHeader.Length)
        {
            ThrowHelper.ThrowMessageLengthOutOfRange(nameof(maxMessageLength), maxMessageLength, ProtocolInfo.MaxMaxFrameLength - FramingHeader.Length);
        }

        var frame = output.GetSpan(FramingHeader.Length + maxMessageLength);
        return new FrameWriter(output, frame.Slice(0, FramingHeader.Length + maxMessageLength));
    }

    /// <summary>
    /// Completes the frame for a message of <paramref name="messageLength"/> bytes and advances the output by the
    /// frame length. Throws <see cref="ArgumentOutOfRangeException"/> when the length is below 8 or above the reserved
    /// length.
    /// </summary>
    public void Commit(int messageLength)
    {
        if (messageLength < MessageHeader.Length || messageLength > _frame.Length - FramingHeader.Length)
        {
            ThrowHelper.ThrowMessageLengthOutOfRange(nameof(messageLength), messageLength, _frame.Length - FramingHeader.Length);
        }

        FramingHeader.Write(_frame, FramingHeader.Length + messageLength);
        _output.Advance(FramingHeader.Length + messageLength);
    }

    /// <summary>
    /// Writes <paramref name="message"/> (an encoded message) as one frame. Throws as <see cref="Begin"/> does.
    /// </summary>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> message)
    {
        var frame = Begin(output, message.Length);
        message.CopyTo(frame.Message);
        frame.Commit(message.Length);
    }
}
