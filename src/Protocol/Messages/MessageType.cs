namespace RiskGate.Protocol.Messages;

/// <summary>Template ids of the schema's messages (the <c>templateId</c> of the message header). The numbers never change.</summary>
public enum MessageType : ushort
{
    /// <summary>Null: no message type.</summary>
    None = 0,

    /// <summary><c>InstrumentDefinition</c> (inbound): Defines or updates a future or an option on a future.</summary>
    InstrumentDefinition = InstrumentDefinitionDecoder.TemplateId,

    /// <summary><c>RiskParameters</c> (inbound): Margin set-up and default limits of one product group.</summary>
    RiskParameters = RiskParametersDecoder.TemplateId,

    /// <summary><c>VolSurface</c> (inbound): Volatility smile of one product group and expiry.</summary>
    VolSurface = VolSurfaceDecoder.TemplateId,

    /// <summary><c>MarketPrice</c> (inbound): Price of a future (reference for margin, collars and notional).</summary>
    MarketPrice = MarketPriceDecoder.TemplateId,

    /// <summary><c>AccountCollateral</c> (inbound): Deposit, withdrawal or start-of-day balance of an account's cash collateral.</summary>
    AccountCollateral = AccountCollateralDecoder.TemplateId,

    /// <summary><c>AccountLimits</c> (inbound): Sets an account's limits, account-wide or for one product group or instrument. Null fields leave the current value unchanged (inherit the group default when never set).</summary>
    AccountLimits = AccountLimitsDecoder.TemplateId,

    /// <summary><c>NewOrder</c> (inbound): A new order to check.</summary>
    NewOrder = NewOrderDecoder.TemplateId,

    /// <summary><c>CancelOrder</c> (inbound): Cancels a working order.</summary>
    CancelOrder = CancelOrderDecoder.TemplateId,

    /// <summary><c>ReplaceOrder</c> (inbound): Replaces a working order's quantity and price (cancel/replace).</summary>
    ReplaceOrder = ReplaceOrderDecoder.TemplateId,

    /// <summary><c>Fill</c> (inbound): An execution of a working order, from the venue.</summary>
    Fill = FillDecoder.TemplateId,

    /// <summary><c>TradingControl</c> (inbound): Kill switch and trading state per account, product group, both, or the whole gate.</summary>
    TradingControl = TradingControlDecoder.TemplateId,

    /// <summary><c>Heartbeat</c> (inbound): Advances engine time when no other message does.</summary>
    Heartbeat = HeartbeatDecoder.TemplateId,

    /// <summary><c>OrderDecision</c> (outbound): The gate's decision on an order-path message.</summary>
    OrderDecision = OrderDecisionDecoder.TemplateId,

    /// <summary><c>AccountAlert</c> (outbound): An account's margin or trading-state event.</summary>
    AccountAlert = AccountAlertDecoder.TemplateId,
}
