namespace RiskGate.Protocol.Framing;

/// <summary>
/// Outcome of reading a frame or validating a message. Every failure is a distinct value a caller can log or
/// report; the numbers never change. Framing failures (<see cref="LengthTooSmall"/>, <see cref="LengthTooLarge"/>,
/// <see cref="WrongEncodingType"/>) leave the stream unusable; message failures come with a whole frame the caller
/// may skip.
/// </summary>
public enum FrameStatus : byte
{
    /// <summary>A whole, structurally valid frame or message.</summary>
    Ok = 0,

    /// <summary>Fewer bytes than the next frame needs; nothing was consumed, read again when more arrive.</summary>
    Incomplete = 1,

    /// <summary>The framing header declares a length below framing header plus message header (14 bytes).</summary>
    LengthTooSmall = 2,

    /// <summary>The framing header declares a length above the reader's maximum frame length.</summary>
    LengthTooLarge = 3,

    /// <summary>The framing header's encoding type is not 0xEB50 (SBE 1.0 little-endian).</summary>
    WrongEncodingType = 4,

    /// <summary>The message is shorter than its 8-byte message header.</summary>
    HeaderTooShort = 5,

    /// <summary>The message header's schema id is not <see cref="ProtocolInfo.SchemaId"/>.</summary>
    UnsupportedSchema = 6,

    /// <summary>The message header's version is 0, which no schema version ever used.</summary>
    UnsupportedVersion = 7,

    /// <summary>The template id is not a message of the schema.</summary>
    UnknownTemplate = 8,

    /// <summary>A decoder was asked to wrap a message of another template.</summary>
    TemplateMismatch = 9,

    /// <summary>The header's block length is shorter than the message's block in the version that defines it.</summary>
    BlockTooShort = 10,

    /// <summary>The message ends before its block or its repeating groups do.</summary>
    MessageTooShort = 11,

    /// <summary>A repeating group's entry length is shorter than the entry in the version that defines it.</summary>
    GroupBlockTooShort = 12,

    /// <summary>A repeating group holds more entries than the documented maximum.</summary>
    GroupCountTooLarge = 13,
}
