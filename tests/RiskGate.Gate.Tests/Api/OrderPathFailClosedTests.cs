using System.Buffers.Binary;
using RiskGate.Gate.Api;
using RiskGate.Gate.Tests.Pipeline;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Messages;

namespace RiskGate.Gate.Tests.Api;

/// <summary>
/// The order path fails closed, end to end through the wire codecs, the router and the engine: an
/// order-entry message, fill or collateral request never moves engine time; invalid fills, market
/// orders, cancels and replaces get the protocol's reject reason and change nothing. "Nothing changed"
/// is checked against a twin gate that received a malformed frame in place of the bad message (the
/// router refuses it before the engine, so both gates number their inputs alike): the next messages
/// must be decided bit for bit the same by both.
/// </summary>
public sealed class OrderPathFailClosedTests
{
    private const long F = 5000_000_000_000; // group 0's future 100 at 5000 (PRICE9)
    private const uint Future = 100;
    private const uint Call5000 = 204; // group 0's call struck at 5000, on future 100
    private const uint OtherFuture = 300; // group 1's future
    private const ulong T0 = 2_000_000_000; // engine time after Start: a heartbeat at 2 s
    private const ulong FarFuture = 1UL << 62;
    private const long Second = 1_000_000_000;

    private readonly byte[] _buffer = new byte[96];
    private ulong _id = 1000;

    [Fact]
    public void NewOrder_UnknownAccountFarFutureSendingTime_RejectedAndChangesNothing()
    {
        var (gate, twin) = Twins();
        var d = Bad(gate, twin, NewOrder(999, Future, 1, F, sendingTime: FarFuture));
        Assert.Equal(RejectReason.UnknownAccount, d.Reason);
        Assert.Equal((long)T0, gate.Engine.Now);

        // Before the fix engine time jumped to 2^62: every instrument had expired for every account.
        var probe = SameProbe(gate, twin);
        Assert.True(probe[0].IsAccepted, "a later order of another account: " + probe[0].Reason);
    }

    [Theory]
    [InlineData(MessageType.NewOrder)] // why: a known account's own far-future order
    [InlineData(MessageType.CancelOrder)] // why: cancels have their own throttle and no expiry check
    [InlineData(MessageType.ReplaceOrder)] // why: checked as a new order
    [InlineData(MessageType.Fill)] // why: the venue's execution report is account-scoped too
    [InlineData(MessageType.AccountCollateral)] // why: a back-office request, account-scoped
    public void AccountScopedMessage_FarFutureTime_NeverMovesEngineTime(MessageType type)
    {
        var (gate, twin) = Twins();
        var working = _id;
        Both(gate, twin, NewOrder(1, Future, 1, F - 250_000_000, tif: TimeInForce.GoodTillCancel, id: working));
        var message = type switch
        {
            MessageType.NewOrder => NewOrder(1, Future, 1, F, sendingTime: FarFuture),
            MessageType.CancelOrder => Cancel(1, working, Future, FarFuture),
            MessageType.ReplaceOrder => Replace(1, working, Future, 2, F - 250_000_000, Side.Buy, FarFuture),
            MessageType.Fill => Fill(1, Future, 999_999, 1, F, Side.Buy, FarFuture),
            _ => Collateral(1, CollateralAction.Deposit, 10_000, FarFuture),
        };
        var d = Bad(gate, twin, message);
        var ownExpiry = type is MessageType.NewOrder or MessageType.ReplaceOrder; // its own stamp says it came after the instrument's expiry
        Assert.Equal(ownExpiry ? RejectReason.InstrumentExpired : RejectReason.None, d.Reason);
        Assert.Equal((long)T0, gate.Engine.Now);

        // Another account's next orders (across a heartbeat) are decided as if the message never came.
        SameProbe(gate, twin, account: 2);
    }

    [Fact]
    public void Heartbeat_AfterForgedFarFutureOrder_ExpiresNoWorkingOrderAndWithdrawalStaysRefused()
    {
        var (gate, twin) = Twins();
        for (var k = 0; k < 5; k++)
        {
            var d = Both(gate, twin, NewOrder(1, Future, 100, F - (k * 250_000_000L), tif: TimeInForce.GoodTillDate, expireTime: T0 + (3600 * Second)));
            Assert.True(d.IsAccepted, d.Reason.ToString());
        }

        var probe = Both(gate, twin, Collateral(1, CollateralAction.Deposit, 1, T0));
        var amount = probe.Equity - (probe.InitialMarginAfter / 2); // leaves less than the working orders' initial margin
        Assert.Equal(RejectReason.WithdrawalExceedsExcess, Both(gate, twin, Collateral(1, CollateralAction.Withdraw, amount, T0)).Reason);

        Assert.Equal(RejectReason.UnknownAccount, Bad(gate, twin, NewOrder(999, Future, 1, F, sendingTime: FarFuture)).Reason);
        Both(gate, twin, Heartbeat(T0 + Second));
        Assert.Empty(gate.Alerts.ToArray()); // why: before the fix the scan expired the GTD orders here

        Assert.Equal(5, gate.Engine.Orders.AccountCount(gate.Engine.AccountIndex(1)));
        Assert.Equal(RejectReason.WithdrawalExceedsExcess, Both(gate, twin, Collateral(1, CollateralAction.Withdraw, amount, T0 + Second)).Reason);
    }

    [Fact]
    public void TimeSources_HeartbeatAndMarketPrice_AdvanceEngineTime()
    {
        var gate = Start();
        Assert.True(gate.Submit(Heartbeat(T0 + Second), 0).IsAccepted);
        Assert.Equal((long)(T0 + Second), gate.Engine.Now);
        Assert.True(gate.Submit(MarketPrice(Future, F, T0 + (2 * Second)), 0).IsAccepted);
        Assert.Equal((long)(T0 + (2 * Second)), gate.Engine.Now);
        Assert.True(gate.Submit(Heartbeat(T0), 0).IsAccepted);
        Assert.Equal((long)(T0 + (2 * Second)), gate.Engine.Now); // why: engine time never goes back
    }

    [Fact]
    public void NewOrder_OwnStampPastInstrumentExpiry_RejectsOnlyThatOrder()
    {
        var (gate, twin) = Twins();
        var optionExpiry = (ulong)(GateSession.OptionYears * GateSession.Year);
        Assert.Equal(RejectReason.InstrumentExpired, Bad(gate, twin, MarketIoc(1, Call5000, optionExpiry)).Reason);
        Assert.Equal((long)T0, gate.Engine.Now);
        var other = Both(gate, twin, MarketIoc(2, Call5000, optionExpiry - 1));
        Assert.True(other.IsAccepted, other.Reason.ToString());
    }

    [Theory]
    [InlineData(TimeInForce.GoodTillDate, OrderType.Limit, F, ulong.MaxValue, T0, RejectReason.InvalidTimeInForce)] // why: GTD with the null expire time (was OrderExpired)
    [InlineData(TimeInForce.GoodTillDate, OrderType.Limit, F, 1UL << 63, T0, RejectReason.InvalidTimeInForce)] // why: past 2^63 no expire time is representable
    [InlineData(TimeInForce.GoodTillDate, OrderType.Limit, F, T0, T0 - 1, RejectReason.OrderExpired)] // why: expires at engine time
    [InlineData(TimeInForce.GoodTillDate, OrderType.Limit, F, T0 + 5, T0 + 5, RejectReason.OrderExpired)] // why: expires at its own sending time, after engine time
    [InlineData(TimeInForce.ImmediateOrCancel, OrderType.Market, F, ulong.MaxValue, T0, RejectReason.InvalidPrice)] // why: a market order that carries a price (was accepted)
    [InlineData(TimeInForce.ImmediateOrCancel, OrderType.Market, 0L, ulong.MaxValue, T0, RejectReason.InvalidPrice)] // why: zero is a price, not the null
    [InlineData(TimeInForce.Day, OrderType.Limit, long.MinValue, ulong.MaxValue, T0, RejectReason.InvalidPrice)] // why: a limit order without a price
    public void NewOrder_InvalidShape_ProtocolReasonAndNothingChanged(TimeInForce tif, OrderType type, long price, ulong expireTime, ulong sendingTime, RejectReason reason)
    {
        var (gate, twin) = Twins();
        Assert.Equal(reason, Bad(gate, twin, NewOrder(1, Future, 1, price, tif: tif, type: type, expireTime: expireTime, sendingTime: sendingTime)).Reason);
        SameProbe(gate, twin);
    }

    [Fact]
    public void NewOrder_MarketWithoutPrice_Accepted()
    {
        var gate = Start();
        var d = gate.Submit(NewOrder(1, Future, 1, long.MinValue, tif: TimeInForce.ImmediateOrCancel, type: OrderType.Market), 0);
        Assert.True(d.IsAccepted, d.Reason.ToString());
    }

    [Theory]
    [InlineData(Side.Buy, 1_049_999L, RejectReason.MaxNotionalExceeded)] // why: 4 x 5250 x 50 = 1,050,000 > the limit
    [InlineData(Side.Sell, 1_049_999L, RejectReason.MaxNotionalExceeded)] // why: a sell too, at the top of the collar (was 4 x 4750 x 50 = 950,000)
    [InlineData(Side.Buy, 1_050_000L, RejectReason.None)] // why: the limit itself passes
    [InlineData(Side.Sell, 1_050_000L, RejectReason.None)] // why: likewise for a sell
    public void MarketOrder_Notional_TakenAtTopOfCollarOnBothSides(Side side, long maxNotional, RejectReason reason)
    {
        // Reference 5000, collar 5 %: the band is 250, the top 5250; multiplier 50.
        var gate = Start();
        Assert.True(gate.Submit(NotionalLimit(1, maxNotional), 0).IsAccepted);
        var d = gate.Submit(NewOrder(1, Future, 4, long.MinValue, side, TimeInForce.ImmediateOrCancel, OrderType.Market), 0);
        Assert.Equal(reason, d.Reason);
        var top = gate.Submit(NewOrder(1, Future, 4, F + 250_000_000_000, side, TimeInForce.ImmediateOrCancel), 0);
        Assert.Equal(reason, top.Reason); // why: the same notional as a limit order at the top of the collar
    }

    [Theory]
    [InlineData(Side.Buy)] // why: was MaxNotionalExceeded (an infinite price)
    [InlineData(Side.Sell)] // why: was accepted with a notional of 0
    public void MarketOrder_NoCollar_InvalidOrderTypeAndNothingChanged(Side side)
    {
        var (gate, twin) = Twins();
        var buffer = new byte[4096];
        var length = LargeMessageEncoding.RiskParameters(buffer, 0, 100);
        BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(8 + RiskParametersDecoder.PriceCollarOffset), double.NaN); // no collar
        Assert.True(gate.Submit(buffer.AsSpan(0, length), 0).IsAccepted);
        Assert.True(twin.Submit(buffer.AsSpan(0, length), 0).IsAccepted);

        var d = Bad(gate, twin, NewOrder(1, Future, 1, long.MinValue, side, TimeInForce.ImmediateOrCancel, OrderType.Market));
        Assert.Equal(RejectReason.InvalidOrderType, d.Reason);
        Assert.True(Both(gate, twin, NewOrder(1, Future, 1, F / 2, side, TimeInForce.ImmediateOrCancel)).IsAccepted); // why: limit orders still trade
        SameProbe(gate, twin);
    }

    [Theory]
    [InlineData(4242u)] // why: an unknown instrument
    [InlineData(OtherFuture)] // why: another group's future
    [InlineData(Call5000)] // why: an option on the order's own future
    public void CancelOrder_OtherInstrument_OrderMismatchAndOrderKeepsWorking(uint instrument)
    {
        var (gate, twin) = Twins();
        var working = _id;
        Assert.True(Both(gate, twin, NewOrder(1, Future, 10, F, tif: TimeInForce.GoodTillCancel, id: working)).IsAccepted);
        Assert.Equal(RejectReason.OrderMismatch, Bad(gate, twin, Cancel(1, working, instrument, T0)).Reason);
        Assert.Equal(1, gate.Engine.Orders.AccountCount(gate.Engine.AccountIndex(1)));

        // The reservation is intact: the right cancel releases the same margin on both gates.
        var right = Both(gate, twin, Cancel(1, working, Future, T0));
        Assert.True(right.IsAccepted, right.Reason.ToString());
        Assert.True(right.InitialMarginBefore > right.InitialMarginAfter);
    }

    [Theory]
    [InlineData((byte)0, Future, RejectReason.InvalidSide)] // why: side None (was OrderMismatch)
    [InlineData((byte)7, Future, RejectReason.InvalidSide)] // why: not a side
    [InlineData((byte)2, Future, RejectReason.OrderMismatch)] // why: the other side
    [InlineData((byte)1, OtherFuture, RejectReason.OrderMismatch)] // why: another instrument
    [InlineData((byte)1, 4242u, RejectReason.OrderMismatch)] // why: an unknown instrument
    public void ReplaceOrder_BadSideOrInstrument_ProtocolReasonAndOrderUnchanged(byte side, uint instrument, RejectReason reason)
    {
        var (gate, twin) = Twins();
        var working = _id;
        Assert.True(Both(gate, twin, NewOrder(1, Future, 10, F, tif: TimeInForce.GoodTillCancel, id: working)).IsAccepted);
        Assert.Equal(reason, Bad(gate, twin, Replace(1, working, instrument, 20, F, (Side)side, T0)).Reason);
        var slot = gate.Engine.Orders.Find(gate.Engine.AccountIndex(1), working);
        Assert.Equal(10, gate.Engine.Orders[slot].Leaves);
        Assert.True(Both(gate, twin, Cancel(1, working, Future, T0)).IsAccepted);
    }

    [Theory]
    [InlineData((byte)2, Future, RejectReason.OrderMismatch)] // why: the working order is a buy
    [InlineData((byte)1, OtherFuture, RejectReason.OrderMismatch)] // why: the working order is on 100
    public void Fill_WorkingOrderOtherSideOrInstrument_OrderMismatchAndNothingBooked(byte side, uint instrument, RejectReason reason)
    {
        var (gate, twin) = Twins();
        var working = _id;
        Assert.True(Both(gate, twin, NewOrder(1, Future, 10, F, tif: TimeInForce.GoodTillCancel, id: working)).IsAccepted);
        Assert.Equal(reason, Bad(gate, twin, Fill(1, instrument, working, 1, F, (Side)side, T0)).Reason);
        SameProbe(gate, twin, account: 1);
    }

    [Theory]
    [InlineData(Future, long.MinValue)] // why: the null price (booked an equity of 461,168,901,842 before the fix)
    [InlineData(Future, 0L)] // why: a future never trades at zero here
    [InlineData(Future, -5_000_000_000_000L)] // why: negative
    [InlineData(Call5000, long.MinValue)] // why: the null premium
    [InlineData(Call5000, -1L)] // why: a negative premium
    public void Fill_InvalidPrice_InvalidPriceAndNothingBooked(uint instrument, long price)
    {
        var (gate, twin) = Twins();
        Assert.Equal(RejectReason.InsufficientMargin, Both(gate, twin, NewOrder(4, Future, 100, F)).Reason);
        Assert.Equal(RejectReason.InvalidPrice, Bad(gate, twin, Fill(4, instrument, 999_999, 1, price, Side.Buy, T0)).Reason);
        Assert.Equal(0, gate.Engine.Store!.Position(gate.Engine.AccountIndex(4), gate.Engine.InstrumentIndex(instrument)));
        Assert.Equal(RejectReason.InsufficientMargin, Both(gate, twin, NewOrder(4, Future, 100, F)).Reason);
        SameProbe(gate, twin, account: 4);
    }

    [Fact]
    public void Fill_OptionAtZeroPremium_BookedWithNoCash()
    {
        var gate = Start();
        var a = gate.Engine.AccountIndex(1);
        var cash = gate.Engine.Store!.Cash(a);
        var d = gate.Submit(Fill(1, Call5000, 999_999, 3, 0, Side.Buy, T0), 0);
        Assert.True(d.IsAccepted, d.Reason.ToString());
        Assert.Equal(3, gate.Engine.Store.Position(a, gate.Engine.InstrumentIndex(Call5000)));
        Assert.Equal(cash, gate.Engine.Store.Cash(a)); // why: a premium of zero moves no cash
    }

    [Fact]
    public void ReplaceOrder_AfterPartialFill_QuantityIsTheNewLeaves()
    {
        var gate = Start();
        var working = _id;
        Assert.True(gate.Submit(NewOrder(1, Future, 10, F, tif: TimeInForce.GoodTillCancel, id: working), 0).IsAccepted);
        Assert.True(gate.Submit(Fill(1, Future, working, 4, F, Side.Buy, T0), 0).IsAccepted);
        var d = gate.Submit(Replace(1, working, Future, 8, F, Side.Buy, T0), 0);
        Assert.True(d.IsAccepted, d.Reason.ToString());

        // 8 still to work (not 8 − 4 filled): the reservation is at least what a venue using total quantity works.
        var a = gate.Engine.AccountIndex(1);
        Assert.Equal(8, gate.Engine.Store!.Working(a, gate.Engine.InstrumentIndex(Future), Engine.State.OrderSide.Buy));
        Assert.Equal(4, gate.Engine.Store.Position(a, gate.Engine.InstrumentIndex(Future)));
    }

    [Fact]
    public void NewOrder_BackDatedBeforeEngineTime_CountedAtEngineTime()
    {
        var gate = Start();
        Assert.True(gate.Submit(ThrottleLimit(1, 2), 0).IsAccepted);
        Assert.True(gate.Submit(Heartbeat(10 * Second), 0).IsAccepted);

        // Stamped a window apart but all before engine time: before the fix all four passed.
        var reasons = new RejectReason[4];
        for (var k = 0; k < reasons.Length; k++)
        {
            reasons[k] = gate.Submit(NewOrder(1, Future, 1, F, tif: TimeInForce.ImmediateOrCancel, sendingTime: (ulong)(k + 1) * Second), 0).Reason;
        }

        Assert.Equal(new[] { RejectReason.None, RejectReason.None, RejectReason.ThrottleExceeded, RejectReason.ThrottleExceeded }, reasons);
    }

    [Fact]
    public void NewOrder_BackDatedAfterLaterStamp_CountedAtTheAccountsLatestStamp()
    {
        var gate = Start();
        Assert.True(gate.Submit(ThrottleLimit(1, 2), 0).IsAccepted);
        Assert.True(gate.Submit(NewOrder(1, Future, 1, F, tif: TimeInForce.ImmediateOrCancel, sendingTime: T0 + (5 * Second)), 0).IsAccepted);
        Assert.True(gate.Submit(NewOrder(1, Future, 1, F, tif: TimeInForce.ImmediateOrCancel, sendingTime: T0 + Second), 0).IsAccepted); // counted at T0 + 5 s
        Assert.Equal(RejectReason.ThrottleExceeded, gate.Submit(NewOrder(1, Future, 1, F, tif: TimeInForce.ImmediateOrCancel, sendingTime: T0 + (2 * Second)), 0).Reason);
        Assert.Equal(RejectReason.ThrottleExceeded, gate.Submit(NewOrder(1, Future, 1, F, tif: TimeInForce.ImmediateOrCancel, sendingTime: T0 + (5 * Second) + 999_999_999), 0).Reason);
        Assert.True(gate.Submit(NewOrder(1, Future, 1, F, tif: TimeInForce.ImmediateOrCancel, sendingTime: T0 + (6 * Second)), 0).IsAccepted); // why: one window after the latest stamp
    }

    [Fact]
    public void CancelOrder_FarFutureStamp_ThrottlesOnlyItsOwnAccount()
    {
        var (gate, twin) = Twins();
        Assert.True(Both(gate, twin, ThrottleLimit(1, 1)).IsAccepted);
        Assert.True(Both(gate, twin, ThrottleLimit(2, 1)).IsAccepted);
        Assert.Equal(RejectReason.UnknownOrder, Bad(gate, twin, Cancel(1, 424_242, Future, FarFuture)).Reason);

        // Account 1's cancels now count at 2^62 (its own window); account 2's are untouched.
        var own = Cancel(1, 424_243, Future, T0 + Second);
        Assert.Equal(RejectReason.ThrottleExceeded, gate.Submit(own, 0).Reason);
        Assert.Equal(RejectReason.UnknownOrder, twin.Submit(own, 0).Reason);
        Assert.Equal(RejectReason.UnknownOrder, Both(gate, twin, Cancel(2, 424_244, Future, T0 + Second)).Reason);
        Assert.Equal((long)T0, gate.Engine.Now);
    }

    private static DirectGate Start()
    {
        var gate = new DirectGate(GateSession.Options());
        foreach (var (bytes, _) in new GateSession(1).Setup())
        {
            var d = gate.Submit(bytes, 0);
            Assert.True(d.IsAccepted, d.MessageType + " " + d.Reason);
        }

        Assert.True(gate.Submit(Heartbeat(T0), 0).IsAccepted);
        return gate;
    }

    private static (DirectGate Gate, DirectGate Twin) Twins() => (Start(), Start());

    // Submits to both gates and checks they decide alike.
    private static GateDecision Both(DirectGate gate, DirectGate twin, byte[] message)
    {
        var d = gate.Submit(message, 0);
        Assert.Equal(twin.Submit(message, 0), d);
        return d;
    }

    // The bad message goes to the gate; the twin gets the same message truncated (refused before the engine).
    private static GateDecision Bad(DirectGate gate, DirectGate twin, byte[] message)
    {
        Assert.Equal(RejectReason.MalformedMessage, twin.Submit(message.AsSpan(0, message.Length - 1), 0).Reason);
        return gate.Submit(message, 0);
    }

    // The same probe through both gates, decided bit for bit alike: orders, a heartbeat one second on, a
    // collateral request and a market order, from one account (or from accounts 1 and 2).
    private GateDecision[] SameProbe(DirectGate gate, DirectGate twin, uint account = 0)
    {
        var first = account == 0 ? 1u : account;
        var second = account == 0 ? 2u : account;
        byte[][] probe =
        [
            NewOrder(first, Future, 1, F),
            NewOrder(second, Call5000, 2, long.MinValue, Side.Buy, TimeInForce.ImmediateOrCancel, OrderType.Market),
            NewOrder(first, Future, 100, F - 250_000_000, tif: TimeInForce.GoodTillDate, expireTime: T0 + (30 * Second)),
            Heartbeat(T0 + Second),
            Collateral(second, CollateralAction.Deposit, 1, T0 + Second),
            NewOrder(second, Future, 3, long.MinValue, Side.Sell, TimeInForce.ImmediateOrCancel, OrderType.Market, sendingTime: T0 + Second),
        ];
        var decisions = new GateDecision[probe.Length];
        for (var k = 0; k < probe.Length; k++)
        {
            decisions[k] = Both(gate, twin, probe[k]);
        }

        return decisions;
    }

    private byte[] NewOrder(uint account, uint instrument, long quantity, long price, Side side = Side.Buy, TimeInForce tif = TimeInForce.Day,
        OrderType type = OrderType.Limit, ulong expireTime = ulong.MaxValue, ulong sendingTime = T0, ulong? id = null)
    {
        var b = new byte[NewOrderEncoder.Length];
        NewOrderEncoder.Wrap(b).ClientOrderId(id ?? _id++).AccountId(account).InstrumentId(instrument).Quantity(quantity).Price(price)
            .Side(side).OrderType(type).TimeInForce(tif).SendingTime(sendingTime).ExpireTime(expireTime);
        return b;
    }

    private byte[] MarketIoc(uint account, uint instrument, ulong sendingTime)
        => NewOrder(account, instrument, 1, long.MinValue, Side.Buy, TimeInForce.ImmediateOrCancel, OrderType.Market, sendingTime: sendingTime);

    private byte[] Cancel(uint account, ulong original, uint instrument, ulong sendingTime)
    {
        var b = new byte[CancelOrderEncoder.Length];
        CancelOrderEncoder.Wrap(b).ClientOrderId(_id++).OriginalClientOrderId(original).AccountId(account).InstrumentId(instrument).SendingTime(sendingTime);
        return b;
    }

    private byte[] Replace(uint account, ulong original, uint instrument, long quantity, long price, Side side, ulong sendingTime)
    {
        var b = new byte[ReplaceOrderEncoder.Length];
        ReplaceOrderEncoder.Wrap(b).ClientOrderId(_id++).OriginalClientOrderId(original).AccountId(account).InstrumentId(instrument)
            .Quantity(quantity).Price(price).Side(side).SendingTime(sendingTime);
        return b;
    }

    private byte[] Fill(uint account, uint instrument, ulong id, long quantity, long price, Side side, ulong transactTime)
    {
        var b = new byte[FillEncoder.Length];
        FillEncoder.Wrap(b).AccountId(account).InstrumentId(instrument).ClientOrderId(id).Quantity(quantity).Price(price).Side(side)
            .ExecId(_id++).TransactTime(transactTime).LeavesQuantity(0);
        return b;
    }

    private static byte[] Collateral(uint account, CollateralAction action, long amount, ulong sendingTime)
    {
        var b = new byte[AccountCollateralEncoder.Length];
        AccountCollateralEncoder.Wrap(b).RequestId(5).AccountId(account).Action(action).Amount(amount).SendingTime(sendingTime);
        return b;
    }

    private static byte[] Heartbeat(ulong time)
    {
        var b = new byte[HeartbeatEncoder.Length];
        HeartbeatEncoder.Wrap(b).SendingTime(time).Sequence(1);
        return b;
    }

    private static byte[] MarketPrice(uint instrument, long price, ulong time)
    {
        var b = new byte[MarketPriceEncoder.Length];
        MarketPriceEncoder.Wrap(b).InstrumentId(instrument).PriceType(MarketPriceType.Mark).Price(price).TransactTime(time);
        return b;
    }

    private static byte[] ThrottleLimit(uint account, uint messages)
    {
        var b = new byte[AccountLimitsEncoder.Length];
        AccountLimitsEncoder.Wrap(b).AccountId(account).ThrottleMessages(messages).SendingTime(1);
        return b;
    }

    private static byte[] NotionalLimit(uint account, long maxNotional)
    {
        var b = new byte[AccountLimitsEncoder.Length];
        AccountLimitsEncoder.Wrap(b).AccountId(account).MaxNotional(maxNotional * 10_000).SendingTime(1);
        return b;
    }
}
