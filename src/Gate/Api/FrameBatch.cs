using RiskGate.Protocol.Framing;

namespace RiskGate.Gate.Api;

/// <summary>
/// What one <c>TrySubmitFrames</c> call did with a buffer of SOFH-framed messages (a network read).
/// </summary>
/// <remarks>Plain data, returned to the calling producer thread.</remarks>
public struct FrameBatch
{
    /// <summary>Bytes taken from the start of the buffer: whole frames only. Advance the reader by this much; the rest (a partial frame, or frames not taken because the gate was busy) stays for the next call.</summary>
    public int Consumed;

    /// <summary>Frames published, each of which will get exactly one decision, in buffer order (malformed ones included).</summary>
    public int Published;

    /// <summary>Of <see cref="Published"/>, frames whose message failed validation: they get a <c>MalformedMessage</c> or <c>UnsupportedMessage</c> decision like any bad message.</summary>
    public int Malformed;

    /// <summary>
    /// Why the call stopped: <see cref="FrameStatus.Ok"/> — every byte was a whole frame and was taken;
    /// <see cref="FrameStatus.Incomplete"/> — a partial frame (or nothing taken because the gate was busy) remains;
    /// <see cref="FrameStatus.LengthTooSmall"/>, <see cref="FrameStatus.LengthTooLarge"/> or
    /// <see cref="FrameStatus.WrongEncodingType"/> — the frame at <see cref="Consumed"/> breaks the stream's
    /// framing: it cannot be resynchronised, close the connection (everything before it was published).
    /// </summary>
    public FrameStatus Status;
}
