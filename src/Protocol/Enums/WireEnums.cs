namespace RiskGate.Protocol.Enums;

/// <summary>
/// Validity checks for wire enums: decoders never throw on an unknown value, so callers test it here. A value is
/// valid when it is a defined, non-null member (0 is the null value of every byte enum except
/// <see cref="BooleanType"/>). Pure functions; any thread may call them.
/// </summary>
public static class WireEnums
{
    /// <summary>True when <paramref name="value"/> is a defined, non-null Side.</summary>
    public static bool IsValid(Side value) => value is Side.Buy or Side.Sell;

    /// <summary>True when <paramref name="value"/> is a defined, non-null OrderType.</summary>
    public static bool IsValid(OrderType value) => value is OrderType.Limit or OrderType.Market;

    /// <summary>True when <paramref name="value"/> is a defined, non-null TimeInForce.</summary>
    public static bool IsValid(TimeInForce value) => value is TimeInForce.Day or TimeInForce.GoodTillCancel or TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill or TimeInForce.GoodTillDate;

    /// <summary>True when <paramref name="value"/> is a defined, non-null InstrumentKind.</summary>
    public static bool IsValid(InstrumentKind value) => value is InstrumentKind.Future or InstrumentKind.Option;

    /// <summary>True when <paramref name="value"/> is a defined, non-null PutCall.</summary>
    public static bool IsValid(PutCall value) => value is PutCall.Call or PutCall.Put;

    /// <summary>True when <paramref name="value"/> is a defined, non-null TradingState.</summary>
    public static bool IsValid(TradingState value) => value is TradingState.Active or TradingState.ReduceOnly or TradingState.Halted;

    /// <summary>True when <paramref name="value"/> is a defined, non-null AlertKind.</summary>
    public static bool IsValid(AlertKind value) => value is AlertKind.MarginCall or AlertKind.LiquidationWarning or AlertKind.TradingStateChanged or AlertKind.MarginCallCleared or AlertKind.OrdersCancelledByKillSwitch;

    /// <summary>True when <paramref name="value"/> is a defined, non-null CollateralAction.</summary>
    public static bool IsValid(CollateralAction value) => value is CollateralAction.Deposit or CollateralAction.Withdraw or CollateralAction.Set;

    /// <summary>True when <paramref name="value"/> is a defined, non-null ControlScope.</summary>
    public static bool IsValid(ControlScope value) => value is ControlScope.Global or ControlScope.ProductGroup or ControlScope.Account or ControlScope.AccountProductGroup;

    /// <summary>True when <paramref name="value"/> is a defined, non-null DecisionStatus.</summary>
    public static bool IsValid(DecisionStatus value) => value is DecisionStatus.Accepted or DecisionStatus.Rejected;

    /// <summary>True when <paramref name="value"/> is a defined, non-null MarginMethodology.</summary>
    public static bool IsValid(MarginMethodology value) => value is MarginMethodology.Scan or MarginMethodology.ExpectedShortfall;

    /// <summary>True when <paramref name="value"/> is a defined, non-null ScanRangeKind.</summary>
    public static bool IsValid(ScanRangeKind value) => value is ScanRangeKind.Relative or ScanRangeKind.Absolute;

    /// <summary>True when <paramref name="value"/> is a defined, non-null SurfaceForm.</summary>
    public static bool IsValid(SurfaceForm value) => value is SurfaceForm.Svi or SurfaceForm.Grid;

    /// <summary>True when <paramref name="value"/> is a defined, non-null MarketPriceType.</summary>
    public static bool IsValid(MarketPriceType value) => value is MarketPriceType.Trade or MarketPriceType.Mark or MarketPriceType.Settlement;

    /// <summary>True when <paramref name="value"/> is a defined, non-null BooleanType.</summary>
    public static bool IsValid(BooleanType value) => value is BooleanType.False or BooleanType.True;

    /// <summary>True when <paramref name="value"/> is a defined RejectReason (including None, which means accepted).</summary>
    public static bool IsValid(RejectReason value) => value switch
    {
        RejectReason.None or
            RejectReason.UnknownAccount or
            RejectReason.AccountDisabled or
            RejectReason.NotEntitled or
            RejectReason.UnknownInstrument or
            RejectReason.InstrumentNotTradable or
            RejectReason.InstrumentExpired or
            RejectReason.TradingHalted or
            RejectReason.ReduceOnly or
            RejectReason.DuplicateClientOrderId or
            RejectReason.InvalidSide or
            RejectReason.InvalidOrderType or
            RejectReason.InvalidTimeInForce or
            RejectReason.OrderExpired or
            RejectReason.InvalidQuantity or
            RejectReason.MaxOrderQuantityExceeded or
            RejectReason.InvalidPrice or
            RejectReason.PriceNotOnTick or
            RejectReason.PriceOutsideCollar or
            RejectReason.NoReferencePrice or
            RejectReason.MaxNotionalExceeded or
            RejectReason.PositionLimitExceeded or
            RejectReason.ThrottleExceeded or
            RejectReason.MaxWorkingOrdersExceeded or
            RejectReason.InsufficientMargin or
            RejectReason.WithdrawalExceedsExcess or
            RejectReason.InvalidCollateral or
            RejectReason.UnknownOrder or
            RejectReason.OrderMismatch or
            RejectReason.InvalidMarketData or
            RejectReason.InvalidReferenceData or
            RejectReason.CapacityExhausted or
            RejectReason.GateBusy or
            RejectReason.MalformedMessage or
            RejectReason.UnsupportedMessage or
            RejectReason.InternalError => true,
        _ => false,
    };

    /// <summary>True when <paramref name="value"/> carries only defined FillAttributes bits.</summary>
    public static bool IsValid(FillAttributes value) => (value & ~(FillAttributes.OrderComplete | FillAttributes.Aggressor | FillAttributes.Correction)) == 0;
}
