using System.Runtime.CompilerServices;
using RiskGate.Engine;
using RiskGate.Engine.Checks;
using RiskGate.Engine.Market;
using RiskGate.Engine.Orders;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;
using RiskGate.Gate.Api;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;
using EngineCollateralAction = RiskGate.Engine.State.CollateralAction;
using EngineControlScope = RiskGate.Engine.Checks.ControlScope;
using EngineInstrumentKind = RiskGate.Engine.Instruments.InstrumentKind;
using EngineMethodology = RiskGate.Engine.Joint.MarginMethodology;
using EngineOrderType = RiskGate.Engine.Orders.OrderType;
using EngineScanRangeKind = RiskGate.Engine.Scenarios.ScanRangeKind;
using EngineSide = RiskGate.Engine.State.OrderSide;
using EngineTimeInForce = RiskGate.Engine.Orders.TimeInForce;
using EngineTradingState = RiskGate.Engine.Checks.TradingState;
using WireTradingState = RiskGate.Protocol.Enums.TradingState;

namespace RiskGate.Gate.Pipeline;

/// <summary>
/// The only Protocol→Engine mapping: validates a binary message in place, calls the engine method of its
/// kind, and turns the result into a <see cref="GateDecision"/> plus alerts. Used by the ring's risk stage
/// and by <see cref="DirectGate"/>, so both decide identically by construction.
/// </summary>
/// <remarks>
/// <para><b>Thread</b>: the engine's single writer (the risk stage thread, or the direct-mode host thread).</para>
/// <para><b>Never throws</b> on any input: a message that fails validation gets
/// <see cref="RejectReason.MalformedMessage"/>; an unknown template or an outbound kind gets
/// <see cref="RejectReason.UnsupportedMessage"/>; an engine exception (a bug) gets
/// <see cref="RejectReason.InternalError"/>.</para>
/// <para><b>Sweep</b>: after every <see cref="GateOptions.SweepInterval"/>-th input (counted by input
/// sequence, not by batch, so decisions do not depend on batching) the router calls
/// <c>engine.Sweep(SweepAccounts)</c>; its alerts belong to that input.</para>
/// <para><b>Allocation</b>: none on the order, market-data (VolSurface included: one reusable smile per
/// future, created with its InstrumentDefinition), collateral and admin paths; a RiskParameters that changes
/// a group's scan set, spread charge or short option minimum allocates the new immutable parameter objects
/// (once per change).</para>
/// </remarks>
public sealed class MessageRouter
{
    private readonly RiskEngine _engine;
    private readonly LargeMessagePool? _largeMessages;
    private readonly int _sweepInterval;
    private readonly int _sweepAccounts;
    private readonly Dictionary<int, uint> _futureIds = [];
    private readonly ScanPoint[] _scanPoints = new ScanPoint[RiskParametersDecoder.MaxScanPointsCount];
    private readonly Dictionary<int, ReusableSmile> _smiles = [];
    private readonly double[] _gridK = new double[VolSurfaceDecoder.MaxGridPointsCount];
    private readonly double[] _gridV = new double[VolSurfaceDecoder.MaxGridPointsCount];
    private long _alertsDropped;

    /// <summary>Creates a router over <paramref name="engine"/>.</summary>
    /// <param name="engine">The engine; the router's thread becomes its single writer.</param>
    /// <param name="sweepInterval">Inputs between two margin-call sweeps (≥ 1).</param>
    /// <param name="sweepAccounts">Accounts examined per sweep (≥ 0; 0 disables sweeping).</param>
    /// <param name="largeMessages">The pipeline's pool for messages larger than a slot (null: none). A slot
    /// holding a reference into it is decided as the referenced message, and the buffer is released after.</param>
    public MessageRouter(RiskEngine engine, int sweepInterval, int sweepAccounts, LargeMessagePool? largeMessages = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfLessThan(sweepInterval, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(sweepAccounts);
        _engine = engine;
        _sweepInterval = sweepInterval;
        _sweepAccounts = sweepAccounts;
        _largeMessages = largeMessages;
    }

    /// <summary>The engine.</summary>
    public RiskEngine Engine => _engine;

    /// <summary>Alerts the engine or a sink could not hold (engine buffer overflow plus sink full). Router thread.</summary>
    public long AlertsDropped => _alertsDropped;

    /// <summary>
    /// Decides one input: validate, map, call the engine, convert; alerts (and those of a due sweep) go to
    /// <paramref name="sink"/>. <see cref="GateDecision.Sequence"/> is left 0 (the deliverer numbers output).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Decide<TSink>(ReadOnlySpan<byte> message, long inputSequence, long receiveTimestampNs, long sourceId, out GateDecision decision, ref TSink sink)
        where TSink : struct, IAlertSink
    {
        // A large message travels as a reference to a pool buffer bound to this very sequence: decide the
        // referenced message, in ring order, then give the buffer back.
        var pooled = -1;
        if (_largeMessages is not null && LargeMessagePool.IsReference(message))
        {
            pooled = _largeMessages.TryResolve(message, inputSequence, out var large);
            message = pooled >= 0 ? large : default;
        }

        decision = default;
        decision.InputSequence = inputSequence;
        decision.ReceiveTimestampNs = receiveTimestampNs;
        decision.SourceId = sourceId;
        ReadIdentity(message, out decision.MessageType, out decision.ClientOrderId, out decision.AccountId, out decision.InstrumentId);

        RejectReason reason;
        EngineDecision result = default;
        var engineCalled = false;
        var status = MessageDispatch.Validate(message, out _);
        if (status == FrameStatus.UnknownTemplate)
        {
            reason = RejectReason.UnsupportedMessage;
        }
        else if (status != FrameStatus.Ok)
        {
            reason = RejectReason.MalformedMessage;
        }
        else
        {
            try
            {
                reason = Route(message, decision.MessageType, inputSequence, out result);
                engineCalled = true;
            }
            catch (Exception)
            {
                reason = RejectReason.InternalError;
            }
        }

        if (engineCalled && reason == RejectReason.None)
        {
            reason = (RejectReason)(ushort)result.Reason;
            decision.InitialMarginBefore = Money4.FromDouble(result.InitialBefore);
            decision.InitialMarginAfter = Money4.FromDouble(result.InitialAfter);
            decision.Equity = Money4.FromDouble(result.Equity);
            decision.Excess = Money4.FromDouble(result.Excess);
            if (result.Accepted && reason != RejectReason.None)
            {
                reason = RejectReason.InternalError;
            }

            if (!result.Accepted && reason == RejectReason.None)
            {
                reason = RejectReason.InternalError;
            }

            CollectAlerts(inputSequence, ref sink);
        }
        else
        {
            decision.InitialMarginBefore = Money4.Null;
            decision.InitialMarginAfter = Money4.Null;
            decision.Equity = Money4.Null;
            decision.Excess = Money4.Null;
        }

        decision.Reason = reason;
        decision.Status = reason == RejectReason.None ? DecisionStatus.Accepted : DecisionStatus.Rejected;

        if (_sweepAccounts > 0 && inputSequence >= 0 && (inputSequence + 1) % _sweepInterval == 0)
        {
            _engine.Sweep(_sweepAccounts);
            CollectAlerts(inputSequence, ref sink);
        }

        decision.DecisionTimeNs = _engine.Now;
        if (pooled >= 0)
        {
            _largeMessages!.Release(pooled);
        }
    }

    /// <summary>
    /// First prefetch step for a message that will be decided two messages from now (see
    /// <see cref="RiskEngine.Prefetch"/>): reads its identity only and returns the token for
    /// <see cref="PrefetchRows"/> (−1 when there is nothing to load: not an account message, unknown
    /// account, or bytes that do not decode). Decides nothing. Risk thread only.
    /// </summary>
    public int Prefetch(ReadOnlySpan<byte> message)
    {
        if (!MessageDispatch.TryReadMessageType(message, out var type))
        {
            return -1;
        }

        switch (type)
        {
            case MessageType.NewOrder when NewOrderDecoder.TryWrap(message, out var m) == FrameStatus.Ok:
                return _engine.Prefetch(m.AccountId, m.InstrumentId, m.ClientOrderId);
            case MessageType.CancelOrder when CancelOrderDecoder.TryWrap(message, out var m) == FrameStatus.Ok:
                return _engine.Prefetch(m.AccountId, m.InstrumentId, m.OriginalClientOrderId);
            case MessageType.ReplaceOrder when ReplaceOrderDecoder.TryWrap(message, out var m) == FrameStatus.Ok:
                return _engine.Prefetch(m.AccountId, m.InstrumentId, m.OriginalClientOrderId);
            case MessageType.Fill when FillDecoder.TryWrap(message, out var m) == FrameStatus.Ok:
                return _engine.Prefetch(m.AccountId, m.InstrumentId, m.ClientOrderId);
            case MessageType.AccountCollateral when AccountCollateralDecoder.TryWrap(message, out var m) == FrameStatus.Ok:
                return _engine.Prefetch(m.AccountId, uint.MaxValue, 0);
            default:
                return -1;
        }
    }

    /// <summary>Second prefetch step, one message ahead, for a token <see cref="Prefetch"/> returned a message earlier. Risk thread only.</summary>
    public void PrefetchRows(int token) => _engine.PrefetchRows(token);

    /// <summary>
    /// Reads the kind and the identity fields (client order or request id, account, instrument) of a
    /// message without validating more than its header and length; unreadable fields stay 0 /
    /// <see cref="uint.MaxValue"/>. Any thread; never throws.
    /// </summary>
    public static void ReadIdentity(ReadOnlySpan<byte> message, out MessageType type, out ulong clientOrderId, out uint accountId, out uint instrumentId)
    {
        clientOrderId = 0;
        accountId = 0;
        instrumentId = uint.MaxValue;
        if (!MessageDispatch.TryReadMessageType(message, out type))
        {
            type = MessageType.None;
            return;
        }

        switch (type)
        {
            case MessageType.NewOrder when NewOrderDecoder.TryWrap(message, out var m) == FrameStatus.Ok:
                (clientOrderId, accountId, instrumentId) = (m.ClientOrderId, m.AccountId, m.InstrumentId);
                break;
            case MessageType.CancelOrder when CancelOrderDecoder.TryWrap(message, out var m) == FrameStatus.Ok:
                (clientOrderId, accountId, instrumentId) = (m.ClientOrderId, m.AccountId, m.InstrumentId);
                break;
            case MessageType.ReplaceOrder when ReplaceOrderDecoder.TryWrap(message, out var m) == FrameStatus.Ok:
                (clientOrderId, accountId, instrumentId) = (m.ClientOrderId, m.AccountId, m.InstrumentId);
                break;
            case MessageType.Fill when FillDecoder.TryWrap(message, out var m) == FrameStatus.Ok:
                (clientOrderId, accountId, instrumentId) = (m.ClientOrderId, m.AccountId, m.InstrumentId);
                break;
            case MessageType.AccountCollateral when AccountCollateralDecoder.TryWrap(message, out var m) == FrameStatus.Ok:
                (clientOrderId, accountId) = (m.RequestId, m.AccountId);
                break;
            case MessageType.TradingControl when TradingControlDecoder.TryWrap(message, out var m) == FrameStatus.Ok:
                (clientOrderId, accountId) = (m.RequestId, m.AccountId);
                break;
            case MessageType.AccountLimits when AccountLimitsDecoder.TryWrap(message, out var m) == FrameStatus.Ok:
                (accountId, instrumentId) = (m.AccountId, m.InstrumentId);
                break;
            case MessageType.MarketPrice when MarketPriceDecoder.TryWrap(message, out var m) == FrameStatus.Ok:
                instrumentId = m.InstrumentId;
                break;
            case MessageType.InstrumentDefinition when InstrumentDefinitionDecoder.TryWrap(message, out var m) == FrameStatus.Ok:
                instrumentId = m.InstrumentId;
                break;
            default:
                break;
        }
    }

    /// <summary>Converts an engine alert to the gate's form (sequence left 0). Any thread.</summary>
    public static GateAlert ToGateAlert(in EngineAlert alert, long inputSequence, long timeNs) => new()
    {
        InputSequence = inputSequence,
        AccountId = alert.AccountId,
        Kind = (AlertKind)(byte)alert.Kind,
        TradingState = (WireTradingState)(byte)alert.State,
        ClientOrderId = alert.ClientOrderId,
        Equity = Money4.FromDouble(alert.Equity),
        MaintenanceMargin = Money4.FromDouble(alert.Maintenance),
        TimeNs = timeNs,
    };

    private void CollectAlerts<TSink>(long inputSequence, ref TSink sink)
        where TSink : struct, IAlertSink
    {
        var alerts = _engine.Alerts;
        _alertsDropped += alerts.Dropped;
        var items = alerts.Items;
        var now = _engine.Now;
        for (var i = 0; i < items.Length; i++)
        {
            if (!sink.TryAdd(ToGateAlert(in items[i], inputSequence, now)))
            {
                _alertsDropped++;
            }
        }
    }

    /// <summary>Calls the engine for a validated message; returns a gate-level reject, or None with <paramref name="result"/> set.</summary>
    private RejectReason Route(ReadOnlySpan<byte> message, MessageType type, long sequence, out EngineDecision result)
    {
        result = default;
        switch (type)
        {
            case MessageType.NewOrder:
                {
                    NewOrderDecoder.TryWrap(message, out var m);
                    var order = new OrderRequest
                    {
                        Sequence = sequence,
                        Timestamp = (long)m.SendingTime,
                        AccountId = m.AccountId,
                        InstrumentId = m.InstrumentId,
                        ClientOrderId = m.ClientOrderId,
                        Side = (EngineSide)(byte)m.Side,
                        Type = (EngineOrderType)(byte)m.OrderType,
                        TimeInForce = (EngineTimeInForce)(byte)m.TimeInForce,
                        Quantity = m.Quantity,
                        Price = m.Price,
                        ExpireTime = (long)m.ExpireTime,
                    };
                    result = _engine.OnNewOrder(in order);
                    return RejectReason.None;
                }

            case MessageType.CancelOrder:
                {
                    CancelOrderDecoder.TryWrap(message, out var m);
                    result = _engine.OnCancelOrder(sequence, (long)m.SendingTime, m.AccountId, m.OriginalClientOrderId, m.InstrumentId);
                    return RejectReason.None;
                }

            case MessageType.ReplaceOrder:
                {
                    ReplaceOrderDecoder.TryWrap(message, out var m);

                    // The wire replace carries no time in force: the order keeps its own (and its GTD expiry),
                    // read from the working order; an unknown order is refused by the engine anyway.
                    var timeInForce = EngineTimeInForce.Day;
                    var expire = -1L;
                    var account = _engine.AccountIndex(m.AccountId);
                    var slot = account >= 0 ? _engine.Orders.Find(account, m.OriginalClientOrderId) : -1;
                    if (slot >= 0)
                    {
                        ref readonly var working = ref _engine.Orders[slot];
                        timeInForce = working.TimeInForce;
                        expire = working.TimeInForce == EngineTimeInForce.GoodTillDate ? working.ExpireNanoseconds : -1;
                    }

                    var order = new OrderRequest
                    {
                        Sequence = sequence,
                        Timestamp = (long)m.SendingTime,
                        AccountId = m.AccountId,
                        InstrumentId = m.InstrumentId,
                        ClientOrderId = m.ClientOrderId,
                        Side = (EngineSide)(byte)m.Side,
                        Type = m.Price == long.MinValue ? EngineOrderType.Market : EngineOrderType.Limit,
                        TimeInForce = timeInForce,
                        Quantity = m.Quantity,
                        Price = m.Price,
                        ExpireTime = expire,
                    };
                    result = _engine.OnReplaceOrder(in order, m.OriginalClientOrderId);
                    return RejectReason.None;
                }

            case MessageType.Fill:
                {
                    FillDecoder.TryWrap(message, out var m);
                    var done = m.LeavesQuantity == 0 || (m.Attributes & FillAttributes.OrderComplete) != 0;
                    result = _engine.OnFill(sequence, (long)m.TransactTime, m.AccountId, m.ClientOrderId, m.InstrumentId, (EngineSide)(byte)m.Side, m.Quantity, m.Price, done);
                    return RejectReason.None;
                }

            case MessageType.MarketPrice:
                {
                    // Mark and settlement set the future's price (collar and margin reference); a trade print is
                    // validated but moves nothing, so one fat-fingered print cannot move margins. The engine
                    // refuses a price that is null or not positive, and an instrument that is not a future.
                    MarketPriceDecoder.TryWrap(message, out var m);
                    if (!WireEnums.IsValid(m.PriceType))
                    {
                        return RejectReason.InvalidMarketData;
                    }

                    result = _engine.OnMarketPrice(sequence, (long)m.TransactTime, m.InstrumentId, m.Price, m.PriceType != MarketPriceType.Trade);
                    return RejectReason.None;
                }

            case MessageType.AccountCollateral:
                {
                    AccountCollateralDecoder.TryWrap(message, out var m);
                    var amount = m.Amount == Money4.Null ? double.NaN : m.Amount / Money4.Scale;
                    result = _engine.OnCollateral(sequence, (long)m.SendingTime, m.AccountId, (EngineCollateralAction)(byte)m.Action, amount);
                    return RejectReason.None;
                }

            case MessageType.AccountLimits:
                return RouteAccountLimits(message, sequence, out result);

            case MessageType.TradingControl:
                {
                    // The boolean is exactly 0 or 1, and each id is given exactly when the scope uses it: a
                    // contradiction (a ProductGroup scope naming an account, say) would widen the control.
                    TradingControlDecoder.TryWrap(message, out var m);
                    var usesAccount = m.Scope is Protocol.Enums.ControlScope.Account or Protocol.Enums.ControlScope.AccountProductGroup;
                    var usesGroup = m.Scope is Protocol.Enums.ControlScope.ProductGroup or Protocol.Enums.ControlScope.AccountProductGroup;
                    if (!WireEnums.IsValid(m.Scope) || !WireEnums.IsValid(m.State) || !WireEnums.IsValid(m.CancelWorkingOrders)
                        || (m.AccountId != uint.MaxValue) != usesAccount || (m.ProductGroupId != uint.MaxValue) != usesGroup)
                    {
                        return RejectReason.InvalidReferenceData;
                    }

                    var group = m.ProductGroupId > int.MaxValue ? -1 : (int)m.ProductGroupId;
                    result = _engine.OnTradingControl(
                        sequence, (long)m.SendingTime, (EngineControlScope)(byte)m.Scope, m.AccountId, group,
                        (EngineTradingState)(byte)m.State, m.CancelWorkingOrders == BooleanType.True);
                    return RejectReason.None;
                }

            case MessageType.Heartbeat:
                {
                    HeartbeatDecoder.TryWrap(message, out var m);
                    result = _engine.OnHeartbeat(sequence, (long)m.SendingTime);
                    return RejectReason.None;
                }

            case MessageType.InstrumentDefinition:
                {
                    InstrumentDefinitionDecoder.TryWrap(message, out var m);
                    if (!WireEnums.IsValid(m.Kind) || m.ProductGroupId > int.MaxValue || !WireEnums.IsValid(m.TradingState) || m.InstrumentId == uint.MaxValue
                        || (m.Kind == Protocol.Enums.InstrumentKind.Option && m.PutCall is not (PutCall.Call or PutCall.Put))
                        || (m.Kind == Protocol.Enums.InstrumentKind.Future
                            && (m.PutCall != PutCall.None || m.Strike != long.MinValue || m.UnderlyingInstrumentId != uint.MaxValue)))
                    {
                        // A future carries the option fields null, so a re-sent definition cannot differ in them unseen.
                        return RejectReason.InvalidReferenceData;
                    }

                    result = _engine.OnInstrumentDefinition(
                        sequence, m.InstrumentId, (EngineInstrumentKind)(byte)m.Kind, (int)m.ProductGroupId, m.UnderlyingInstrumentId,
                        (long)m.Expiry, m.Strike == long.MinValue ? 0 : m.Strike, m.PutCall == PutCall.Call, m.ContractMultiplier, m.TickSize,
                        (EngineTradingState)(byte)m.TradingState);
                    if (result.Accepted && m.Kind == Protocol.Enums.InstrumentKind.Future)
                    {
                        // Admin path: remember the wire id of each future so a VolSurface can name it.
                        var index = _engine.InstrumentIndex(m.InstrumentId);
                        _futureIds[index] = m.InstrumentId;
                        if (!_smiles.ContainsKey(index))
                        {
                            _smiles[index] = new ReusableSmile(VolSurfaceDecoder.MaxGridPointsCount);
                        }
                    }

                    return RejectReason.None;
                }

            case MessageType.RiskParameters:
                return RouteRiskParameters(message, sequence, out result);

            case MessageType.VolSurface:
                return RouteVolSurface(message, sequence, out result);

            default:
                return RejectReason.UnsupportedMessage;
        }
    }

    private RejectReason RouteAccountLimits(ReadOnlySpan<byte> message, long sequence, out EngineDecision result)
    {
        result = default;
        AccountLimitsDecoder.TryWrap(message, out var m);
        var scoped = m.ProductGroupId != uint.MaxValue || m.InstrumentId != uint.MaxValue;

        // Fail closed: the null id names no account; a negative limit other than the null is refused (the engine
        // reads a negative override as "inherit", which would silently widen the limit); the throttle's
        // stamp rings are sized for the engine's one window, so a different window cannot be honoured.
        if (m.AccountId == uint.MaxValue
            || (m.MaxOrderQuantity != long.MinValue && m.MaxOrderQuantity < 0)
            || (m.MaxNotional != long.MinValue && m.MaxNotional < 0)
            || (m.PositionLimit != long.MinValue && m.PositionLimit < 0)
            || (!scoped && m.ThrottleWindow != ulong.MaxValue && m.ThrottleWindow != (ulong)_engine.Options.ThrottleWindowNanoseconds))
        {
            return RejectReason.InvalidReferenceData;
        }

        // Account-wide: null fields leave the current value unchanged (protocol), so start from the
        // account's overrides; rebuilding from defaults would silently widen limits set earlier.
        // A scoped message replaces its scope (null fields inherit from the account and group).
        var account = scoped ? -1 : _engine.AccountIndex(m.AccountId);
        var limits = account >= 0 ? _engine.AccountOverrides(account) : OrderLimits.UseDefaults;
        if (m.MaxOrderQuantity != long.MinValue)
        {
            limits.MaxOrderQuantity = m.MaxOrderQuantity;
        }

        if (m.MaxNotional != long.MinValue)
        {
            limits.MaxNotional = m.MaxNotional / Money4.Scale;
        }

        if (m.PositionLimit != long.MinValue)
        {
            limits.MaxPosition = m.PositionLimit;
        }

        if (m.MaxWorkingOrders != uint.MaxValue)
        {
            limits.MaxWorkingOrders = m.MaxWorkingOrders > int.MaxValue ? int.MaxValue : (int)m.MaxWorkingOrders;
        }

        if (m.ThrottleMessages != uint.MaxValue)
        {
            var perWindow = m.ThrottleMessages > int.MaxValue ? int.MaxValue : (int)m.ThrottleMessages;
            limits.MaxOrdersPerWindow = perWindow;
            limits.MaxCancelsPerWindow = perWindow;
        }

        if (scoped)
        {
            // A scoped limit: the trading state and the throttle window are account-wide, so a scoped
            // message must leave them null; the engine refuses the other account-wide fields itself.
            if (m.TradingState != WireTradingState.None || m.ThrottleWindow != ulong.MaxValue)
            {
                return RejectReason.InvalidReferenceData;
            }

            var group = m.ProductGroupId == uint.MaxValue ? -1 : m.ProductGroupId > int.MaxValue ? int.MaxValue : (int)m.ProductGroupId;
            result = _engine.OnScopedAccountLimits(sequence, (long)m.SendingTime, m.AccountId, group, m.InstrumentId, in limits);
            return RejectReason.None;
        }

        if (m.TradingState != WireTradingState.None && !WireEnums.IsValid(m.TradingState))
        {
            return RejectReason.InvalidReferenceData;
        }

        // Halted disables the account; ReduceOnly and Active set its trading state (a kill switch set by
        // TradingControl stays until TradingControl lifts it); null leaves both unchanged.
        var enabled = m.TradingState == WireTradingState.None
            ? account < 0 || _engine.IsEnabled(account) // null: unchanged (a new account starts enabled)
            : m.TradingState != WireTradingState.Halted;
        var state = m.TradingState is WireTradingState.Active or WireTradingState.ReduceOnly ? (EngineTradingState)(byte)m.TradingState : default;
        result = _engine.OnAccountLimits(sequence, (long)m.SendingTime, m.AccountId, enabled, in limits, state);
        return RejectReason.None;
    }

    private RejectReason RouteRiskParameters(ReadOnlySpan<byte> message, long sequence, out EngineDecision result)
    {
        result = default;
        RiskParametersDecoder.TryWrap(message, out var m);

        // The throttle keeps one window for the engine (RiskEngineOptions.ThrottleWindowNanoseconds): a
        // default window other than that one cannot be honoured, so it is refused (null keeps the engine's).
        if (m.ProductGroupId > int.MaxValue
            || (m.DefaultThrottleWindow != ulong.MaxValue && m.DefaultThrottleWindow != (ulong)_engine.Options.ThrottleWindowNanoseconds))
        {
            return RejectReason.InvalidReferenceData;
        }

        var throttle = _engine.Options.ThrottleCapacity;
        var defaults = new OrderLimits
        {
            MaxOrderQuantity = m.DefaultMaxOrderQuantity == long.MinValue ? OrderLimits.MaxQuantity : m.DefaultMaxOrderQuantity,
            MaxNotional = m.DefaultMaxNotional == long.MinValue ? double.MaxValue : m.DefaultMaxNotional / Money4.Scale,
            MaxPosition = m.DefaultPositionLimit == long.MinValue ? OrderLimits.MaxQuantity : m.DefaultPositionLimit,
            CollarFraction = double.IsNaN(m.PriceCollar) ? double.MaxValue : m.PriceCollar,
            CollarMinimum = 0,
            MaxWorkingOrders = m.DefaultMaxWorkingOrders == uint.MaxValue || m.DefaultMaxWorkingOrders > int.MaxValue ? int.MaxValue : (int)m.DefaultMaxWorkingOrders,
            MaxOrdersPerWindow = m.DefaultThrottleMessages == uint.MaxValue ? throttle : (int)Math.Min(m.DefaultThrottleMessages, (uint)int.MaxValue),
            MaxCancelsPerWindow = m.DefaultThrottleMessages == uint.MaxValue ? throttle : (int)Math.Min(m.DefaultThrottleMessages, (uint)int.MaxValue),
        };
        var wirePoints = m.ScanPoints;
        var points = _scanPoints.AsSpan(0, Math.Min(wirePoints.Count, _scanPoints.Length));
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = new ScanPoint(wirePoints.PriceMultiple(i), wirePoints.VolMultiple(i), wirePoints.Weight(i));
        }

        var settings = new GroupMarginSettings
        {
            Methodology = (EngineMethodology)(byte)m.Methodology,
            PriceScanRange = m.PriceScanRange,
            PriceScanKind = (EngineScanRangeKind)(byte)m.PriceScanRangeKind,
            VolScanRange = m.VolScanRange,
            VolScanKind = (EngineScanRangeKind)(byte)m.VolScanRangeKind,
            LookAheadYears = m.LookAhead / MarketState.NanosecondsPerYear,
            InitialRatio = m.InitialToMaintenanceRatio,
            SpreadRate = double.IsNaN(m.SpreadChargeRate) ? 0 : m.SpreadChargeRate,
            ShortOptionMinimum = m.ShortOptionMinimum == long.MinValue ? 0 : m.ShortOptionMinimum / Money4.Scale,
            RiskFreeRate = m.RiskFreeRate,
            ConfidenceLevel = m.ConfidenceLevel,
            LiquidationRatio = m.LiquidationRatio,
        };
        result = _engine.OnRiskParameters(sequence, (int)m.ProductGroupId, in settings, points, in defaults);
        return RejectReason.None;
    }

    private RejectReason RouteVolSurface(ReadOnlySpan<byte> message, long sequence, out EngineDecision result)
    {
        result = default;
        VolSurfaceDecoder.TryWrap(message, out var m);
        var instruments = _engine.Instruments;
        var svi = m.Form == SurfaceForm.Svi;
        if (m.ProductGroupId >= (uint)instruments.GroupCount || !WireEnums.IsValid(m.Form)
            || (svi ? m.GridPoints.Count != 0 : HasSviField(in m)))
        {
            return RejectReason.InvalidReferenceData;
        }

        // The surface names an option expiry; the engine keeps one smile per future, for all the options
        // that deliver it. It applies to the futures whose options expire exactly then (the wire expiry of
        // the surface equals the options' wire expiry); a future that also carries options of another
        // expiry cannot take it without mispricing those, so that is refused, as is an expiry no option has.
        var expiry = (long)m.Expiry;
        var matched = 0;
        for (var f = instruments.FirstFuture((int)m.ProductGroupId); f >= 0; f = instruments.NextFuture(f))
        {
            var options = 0;
            var same = 0;
            for (var o = instruments.FirstOption(f); o >= 0; o = instruments.NextOption(o))
            {
                options++;
                same += _engine.InstrumentExpiryNanoseconds(o) == expiry ? 1 : 0;
            }

            if (same == 0)
            {
                continue;
            }

            if (same != options || !_smiles.ContainsKey(f))
            {
                return RejectReason.InvalidReferenceData;
            }

            matched++;
        }

        if (matched == 0)
        {
            return RejectReason.InvalidReferenceData;
        }

        var years = (expiry - (double)_engine.Options.ValuationTimeNanoseconds) / MarketState.NanosecondsPerYear;
        var count = 0;
        if (!svi)
        {
            var points = m.GridPoints;
            count = Math.Min(points.Count, _gridK.Length);
            for (var i = 0; i < count; i++)
            {
                _gridK[i] = points.LogMoneyness(i);
                _gridV[i] = points.Volatility(i);
            }
        }

        // One reusable smile per future, created with the future's definition: validated first (the same
        // rules as SviSmile / GridSmile) and rewritten in place only when valid, so nothing allocates here.
        // The first future's validation decides; the others get the same values, so the same outcome.
        for (var f = instruments.FirstFuture((int)m.ProductGroupId); f >= 0; f = instruments.NextFuture(f))
        {
            var first = instruments.FirstOption(f);
            if (first < 0 || _engine.InstrumentExpiryNanoseconds(first) != expiry)
            {
                continue;
            }

            var smile = _smiles[f];
            var validation = svi
                ? smile.TrySetSvi(years, m.SviA, m.SviB, m.SviRho, m.SviM, m.SviSigma)
                : smile.TrySetGrid(years, _gridK.AsSpan(0, count), _gridV.AsSpan(0, count));
            if (!validation.IsValid)
            {
                return RejectReason.InvalidReferenceData;
            }

            result = _engine.OnVolSmile(sequence, (long)m.SendingTime, FutureIdOf(f), smile);
            if (!result.Accepted)
            {
                return RejectReason.None;
            }
        }

        return RejectReason.None;
    }

    // The SVI fields are null (NaN) in a grid surface.
    private static bool HasSviField(in VolSurfaceDecoder m)
        => !double.IsNaN(m.SviA) || !double.IsNaN(m.SviB) || !double.IsNaN(m.SviRho) || !double.IsNaN(m.SviM) || !double.IsNaN(m.SviSigma);

    private uint FutureIdOf(int index) => _futureIds.TryGetValue(index, out var id) ? id : uint.MaxValue;
}
