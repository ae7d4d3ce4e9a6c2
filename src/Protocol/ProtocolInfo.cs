namespace RiskGate.Protocol;

/// <summary>
/// Identity, number formats and size limits of the RiskGate wire schema (docs/protocol.md). Constants only; any
/// thread may read them.
/// </summary>
public static class ProtocolInfo
{
    /// <summary>SBE schema id carried in every message header.</summary>
    public const ushort SchemaId = 0x5247; // "RG"

    /// <summary>Current schema version. Fields are only ever appended; older readers honour the block length.</summary>
    public const ushort SchemaVersion = 1;

    /// <summary>Simple Open Framing Header encoding type of SBE 1.0 little-endian messages.</summary>
    public const ushort SbeLittleEndianEncodingType = 0xEB50;

    /// <summary>Decimal exponent of PRICE9 prices: price = mantissa × 10^−9.</summary>
    public const int PriceExponent = -9;

    /// <summary>PRICE9 mantissa of one price unit.</summary>
    public const long PriceScale = 1_000_000_000;

    /// <summary>Decimal exponent of MONEY4 amounts (collateral, margins, equity, excess, notional limits): 1 = 0.0001.</summary>
    public const int MoneyExponent = -4;

    /// <summary>MONEY4 mantissa of one currency unit.</summary>
    public const long MoneyScale = 10_000;

    /// <summary>
    /// Largest encoded message (header included) of the order-path and market/admin messages (NewOrder, CancelOrder,
    /// ReplaceOrder, Fill, MarketPrice, AccountCollateral, AccountLimits, TradingControl, Heartbeat): a ring slot
    /// carries one such message inline.
    /// </summary>
    public const int MaxInlineMessageLength = 96;

    /// <summary>Smallest frame: framing header plus message header.</summary>
    public const int MinFrameLength = Framing.FramingHeader.Length + Messages.MessageHeader.Length;

    /// <summary>Default bound on a frame's declared length (framing header included).</summary>
    public const int DefaultMaxFrameLength = 4096;

    /// <summary>Largest bound a frame reader accepts as its configured maximum frame length.</summary>
    public const int MaxMaxFrameLength = 1 << 20;
}
