using System.Buffers;
using RiskGate.Protocol.Messages;

namespace RiskGate.Protocol.Framing;

/// <summary>
/// Reads Simple-Open-Framing-Header frames from a stream buffer (a <see cref="ReadOnlySequence{T}"/> from a
/// <c>PipeReader</c>, or a span), one frame per call, and validates the message inside. It never consumes a partial
/// frame, rejects a declared length outside [<see cref="ProtocolInfo.MinFrameLength"/>, <see cref="MaxFrameLength"/>]
/// or a wrong encoding type as soon as the 6 framing-header bytes are present, and never throws on input.
/// <para>
/// Statuses and the position to advance to: <see cref="FrameStatus.Ok"/> — past the frame, with the message;
/// <see cref="FrameStatus.Incomplete"/> — the start (consume nothing, examine everything, read again);
/// <see cref="FrameStatus.LengthTooSmall"/>, <see cref="FrameStatus.LengthTooLarge"/>,
/// <see cref="FrameStatus.WrongEncodingType"/> — the start: the stream cannot be resynchronised, close it;
/// any message failure (<see cref="FrameStatus.UnsupportedSchema"/> … <see cref="FrameStatus.GroupCountTooLarge"/>)
/// — past the frame, which the caller may skip or treat as fatal.
/// </para>
/// <para>
/// One instance per connection or file, used by one thread: a frame that spans segments is copied into a buffer
/// the reader allocated at construction, and the returned message stays valid until the next call. A frame in one
/// segment is returned in place, valid until the caller advances the pipe. Allocates nothing after construction.
/// </para>
/// </summary>
public sealed class FrameReader
{
    private readonly byte[] _scratch;

    /// <summary>
    /// Creates a reader bounding frames to <paramref name="maxFrameLength"/> bytes (framing header included).
    /// Throws <see cref="ArgumentOutOfRangeException"/> unless it is in
    /// [<see cref="ProtocolInfo.MinFrameLength"/>, <see cref="ProtocolInfo.MaxMaxFrameLength"/>].
    /// </summary>
    public FrameReader(int maxFrameLength = ProtocolInfo.DefaultMaxFrameLength)
    {
        if (maxFrameLength is < ProtocolInfo.MinFrameLength or > ProtocolInfo.MaxMaxFrameLength)
        {
            ThrowHelper.ThrowMaxFrameLengthOutOfRange(nameof(maxFrameLength), maxFrameLength);
        }

        MaxFrameLength = maxFrameLength;
        _scratch = new byte[maxFrameLength - FramingHeader.Length];
    }

    /// <summary>Largest declared frame length accepted, framing header included.</summary>
    public int MaxFrameLength { get; }

    /// <summary>
    /// Reads the frame at the start of <paramref name="buffer"/>. On <see cref="FrameStatus.Ok"/>,
    /// <paramref name="message"/> is the validated message (from its message header) and
    /// <paramref name="consumed"/> the position after the frame; otherwise <paramref name="message"/> is empty and
    /// <paramref name="consumed"/> is as the type's summary says. Never throws.
    /// </summary>
    public FrameStatus TryRead(scoped in ReadOnlySequence<byte> buffer, out ReadOnlySpan<byte> message, out SequencePosition consumed)
    {
        var first = buffer.FirstSpan;
        if (buffer.IsSingleSegment)
        {
            // The common pipe case: the span path, with its byte count turned into a position.
            var singleStatus = TryRead(first, out message, out int count);
            consumed = count == 0 ? buffer.Start : buffer.GetPosition(count);
            return singleStatus;
        }

        message = default;
        consumed = buffer.Start;
        if (buffer.Length < FramingHeader.Length)
        {
            return FrameStatus.Incomplete;
        }

        Span<byte> copied = stackalloc byte[FramingHeader.Length];
        scoped ReadOnlySpan<byte> header;
        if (first.Length >= FramingHeader.Length)
        {
            header = first;
        }
        else
        {
            buffer.Slice(0, FramingHeader.Length).CopyTo(copied);
            header = copied;
        }

        var status = CheckFramingHeader(header, out var frameLength);
        if (status != FrameStatus.Ok)
        {
            return status;
        }

        if (buffer.Length < frameLength)
        {
            return FrameStatus.Incomplete;
        }

        ReadOnlySpan<byte> body;
        if (first.Length >= frameLength)
        {
            body = first.Slice(FramingHeader.Length, frameLength - FramingHeader.Length);
        }
        else
        {
            // The frame spans segments: copy it once into the reader's own buffer (bounded by MaxFrameLength).
            var length = frameLength - FramingHeader.Length;
            buffer.Slice(FramingHeader.Length, length).CopyTo(_scratch);
            body = new ReadOnlySpan<byte>(_scratch, 0, length);
        }

        consumed = buffer.GetPosition(frameLength);
        status = MessageDispatch.Validate(body, out _);
        if (status == FrameStatus.Ok)
        {
            message = body;
        }

        return status;
    }

    /// <summary>
    /// Reads the frame at the start of <paramref name="buffer"/>; as the sequence overload, with
    /// <paramref name="consumed"/> the number of bytes to advance (0 unless a whole frame was present). The message
    /// is a slice of <paramref name="buffer"/>. Never throws.
    /// </summary>
    public FrameStatus TryRead(ReadOnlySpan<byte> buffer, out ReadOnlySpan<byte> message, out int consumed)
    {
        message = default;
        consumed = 0;
        if (buffer.Length < FramingHeader.Length)
        {
            return FrameStatus.Incomplete;
        }

        var status = CheckFramingHeader(buffer, out var frameLength);
        if (status != FrameStatus.Ok)
        {
            return status;
        }

        if (buffer.Length < frameLength)
        {
            return FrameStatus.Incomplete;
        }

        var body = buffer.Slice(FramingHeader.Length, frameLength - FramingHeader.Length);
        consumed = frameLength;
        status = MessageDispatch.Validate(body, out _);
        if (status == FrameStatus.Ok)
        {
            message = body;
        }

        return status;
    }

    private FrameStatus CheckFramingHeader(ReadOnlySpan<byte> header, out int frameLength)
    {
        frameLength = 0;
        var declared = FramingHeader.ReadFrameLength(header);
        if (declared < ProtocolInfo.MinFrameLength)
        {
            return FrameStatus.LengthTooSmall;
        }

        if (declared > (uint)MaxFrameLength)
        {
            return FrameStatus.LengthTooLarge;
        }

        if (FramingHeader.ReadEncodingType(header) != ProtocolInfo.SbeLittleEndianEncodingType)
        {
            return FrameStatus.WrongEncodingType;
        }

        frameLength = (int)declared;
        return FrameStatus.Ok;
    }
}
