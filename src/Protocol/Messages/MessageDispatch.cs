using RiskGate.Protocol.Framing;

namespace RiskGate.Protocol.Messages;

/// <summary>
/// Routing help for the gate: reads a message's template id and validates any message of the schema by its template
/// before a decoder wraps it. Stateless and allocation-free; any thread may call it.
/// </summary>
public static class MessageDispatch
{
    /// <summary>
    /// Reads the template id of <paramref name="message"/> (starting at the message header). Returns false, and
    /// <see cref="MessageType.None"/>, when the span is shorter than the header. The id may be unknown: check with
    /// <see cref="IsKnown"/> or <see cref="Validate"/>.
    /// </summary>
    public static bool TryReadMessageType(ReadOnlySpan<byte> message, out MessageType messageType)
    {
        if (message.Length < MessageHeader.Length)
        {
            messageType = MessageType.None;
            return false;
        }

        messageType = (MessageType)MessageHeader.ReadTemplateId(message);
        return true;
    }

    /// <summary>True when <paramref name="messageType"/> is a message of the schema.</summary>
    public static bool IsKnown(MessageType messageType) => messageType switch
    {
        MessageType.InstrumentDefinition or
        MessageType.RiskParameters or
        MessageType.VolSurface or
        MessageType.MarketPrice or
        MessageType.AccountCollateral or
        MessageType.AccountLimits or
        MessageType.NewOrder or
        MessageType.CancelOrder or
        MessageType.ReplaceOrder or
        MessageType.Fill or
        MessageType.TradingControl or
        MessageType.Heartbeat or
        MessageType.OrderDecision or
        MessageType.AccountAlert => true,
        _ => false,
    };

    /// <summary>True when messages of <paramref name="messageType"/> must fit <see cref="ProtocolInfo.MaxInlineMessageLength"/>.</summary>
    public static bool IsInline(MessageType messageType) => messageType switch
    {
        MessageType.NewOrder or
        MessageType.CancelOrder or
        MessageType.ReplaceOrder or
        MessageType.Fill or
        MessageType.MarketPrice or
        MessageType.AccountCollateral or
        MessageType.AccountLimits or
        MessageType.TradingControl or
        MessageType.Heartbeat => true,
        _ => false,
    };

    /// <summary>
    /// Validates <paramref name="message"/> (starting at the message header) as whatever message its template id
    /// names: header, schema, version, known template, block length and group bounds. On
    /// <see cref="FrameStatus.Ok"/> the matching decoder's <c>TryWrap</c> succeeds and no field read can fail;
    /// <paramref name="encodedLength"/> is the bytes the message's known parts occupy. Never throws.
    /// </summary>
    public static FrameStatus Validate(ReadOnlySpan<byte> message, out int encodedLength)
    {
        encodedLength = 0;
        var status = MessageHeader.CheckCommon(message);
        if (status != FrameStatus.Ok)
        {
            return status;
        }

        return (MessageType)MessageHeader.ReadTemplateId(message) switch
        {
            MessageType.InstrumentDefinition => InstrumentDefinitionDecoder.Validate(message, out encodedLength),
            MessageType.RiskParameters => RiskParametersDecoder.Validate(message, out encodedLength),
            MessageType.VolSurface => VolSurfaceDecoder.Validate(message, out encodedLength),
            MessageType.MarketPrice => MarketPriceDecoder.Validate(message, out encodedLength),
            MessageType.AccountCollateral => AccountCollateralDecoder.Validate(message, out encodedLength),
            MessageType.AccountLimits => AccountLimitsDecoder.Validate(message, out encodedLength),
            MessageType.NewOrder => NewOrderDecoder.Validate(message, out encodedLength),
            MessageType.CancelOrder => CancelOrderDecoder.Validate(message, out encodedLength),
            MessageType.ReplaceOrder => ReplaceOrderDecoder.Validate(message, out encodedLength),
            MessageType.Fill => FillDecoder.Validate(message, out encodedLength),
            MessageType.TradingControl => TradingControlDecoder.Validate(message, out encodedLength),
            MessageType.Heartbeat => HeartbeatDecoder.Validate(message, out encodedLength),
            MessageType.OrderDecision => OrderDecisionDecoder.Validate(message, out encodedLength),
            MessageType.AccountAlert => AccountAlertDecoder.Validate(message, out encodedLength),
            _ => FrameStatus.UnknownTemplate,
        };
    }
}
