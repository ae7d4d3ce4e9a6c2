using System.Buffers.Binary;
using RiskGate.Engine.Pricing;
using RiskGate.Gate.Api;
using RiskGate.Gate.Pipeline;
using RiskGate.Gate.Tests.Pipeline;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Messages;

namespace RiskGate.Gate.Tests.Api;

/// <summary>
/// Reference-data, market-data and admin messages fail closed: a field that is invalid, contradicts
/// another or cannot be honoured rejects the message with its exact reason, and nothing changes — a twin
/// gate that never got the message decides the same probe orders bit for bit afterwards.
/// </summary>
public class ReferenceDataFailClosedTests
{
    private const long F = 5000_000_000_000; // group 0's future 100 at 5000 (PRICE9)
    private const long Tick = 250_000_000; // its tick, 0.25
    private const ulong T = 2_000_000_000; // sending time of the probes and positions
    private static readonly ulong OptionExpiry = (ulong)(long)(GateSession.OptionYears * GateSession.Year);
    private static readonly ulong FutureExpiry = (ulong)(long)(GateSession.FutureYears * GateSession.Year);

    // ---- 1. MarketPrice ----

    [Theory]
    [InlineData(0L, MarketPriceType.Mark)] // why: a zero price collapses every scan range and the collar
    [InlineData(-5_000_000_000_000L, MarketPriceType.Mark)] // why: negative
    [InlineData(long.MinValue, MarketPriceType.Mark)] // why: the PRICE9 null: no price at all
    [InlineData(0L, MarketPriceType.Settlement)] // why: settlement sets the price too, so the same rule
    [InlineData(-1L, MarketPriceType.Trade)] // why: a trade print moves nothing but is still validated
    [InlineData(F, (MarketPriceType)0)] // why: the enum null
    [InlineData(F, (MarketPriceType)9)] // why: not a price type
    public void MarketPrice_NonPositiveNullOrUnknownType_InvalidMarketDataNothingChanged(long price, MarketPriceType type)
    {
        var gate = Start();
        var twin = Start();

        var d = gate.Submit(MarketPrice(100, price, type, 1), 0);

        Assert.Equal(RejectReason.InvalidMarketData, d.Reason);
        AssertSameAsTwin(gate, twin);
    }

    [Fact]
    public void MarketPrice_Zero_ThinAccountStillCannotBuyMaxSize()
    {
        var gate = Start();
        Assert.Equal(RejectReason.InsufficientMargin, gate.Submit(Order(7001, 4, 100, 100, F, Side.Buy, TimeInForce.ImmediateOrCancel), 0).Reason);

        Assert.Equal(RejectReason.InvalidMarketData, gate.Submit(MarketPrice(100, 0, MarketPriceType.Mark, T), 0).Reason);

        // 5.00 sits inside the 5-point minimum collar around a price of 0: only the reject keeps it out.
        Assert.Equal(RejectReason.PriceOutsideCollar, gate.Submit(Order(7002, 4, 100, 100, 5_000_000_000, Side.Buy, TimeInForce.ImmediateOrCancel), 0).Reason);
        Assert.Equal(RejectReason.InsufficientMargin, gate.Submit(Order(7003, 4, 100, 100, F, Side.Buy, TimeInForce.ImmediateOrCancel), 0).Reason);
    }

    [Fact]
    public void MarketPrice_OptionInstrument_InvalidMarketDataNothingChanged()
    {
        var gate = Start();
        var twin = Start();

        var d = gate.Submit(MarketPrice(204, 200_000_000_000, MarketPriceType.Mark, 1), 0); // 204: a call on 100

        Assert.Equal(RejectReason.InvalidMarketData, d.Reason);
        AssertSameAsTwin(gate, twin);
    }

    [Fact]
    public void MarketPrice_NullInstrumentId_UnknownInstrument()
    {
        var gate = Start();
        var twin = Start();

        var d = gate.Submit(MarketPrice(uint.MaxValue, F, MarketPriceType.Mark, 1), 0);

        Assert.Equal(RejectReason.UnknownInstrument, d.Reason);
        AssertSameAsTwin(gate, twin);
    }

    [Fact]
    public void MarketPrice_TradePrint_AcceptedButMovesNoReference()
    {
        var gate = Start();
        var twin = Start();

        var d = gate.Submit(MarketPrice(100, 2 * F, MarketPriceType.Trade, 1), 0); // a fat-fingered print at twice the mark

        Assert.True(d.IsAccepted, d.Reason.ToString());
        AssertSameAsTwin(gate, twin);
    }

    [Theory]
    [InlineData(MarketPriceType.Mark)] // why: the intraday reference
    [InlineData(MarketPriceType.Settlement)] // why: the official price is a reference too
    public void MarketPrice_MarkOrSettlement_MovesTheCollarReference(MarketPriceType type)
    {
        var gate = Start();
        var twin = Start();
        const long Moved = 6000_000_000_000;

        Assert.True(gate.Submit(MarketPrice(100, Moved, type, 1), 0).IsAccepted);

        // 6000 is outside the 5% collar around 5000 and inside the one around 6000.
        Assert.Equal(RejectReason.PriceOutsideCollar, twin.Submit(Order(7001, 1, 100, 1, Moved, Side.Sell, TimeInForce.ImmediateOrCancel), 0).Reason);
        Assert.Equal(RejectReason.None, gate.Submit(Order(7001, 1, 100, 1, Moved, Side.Sell, TimeInForce.ImmediateOrCancel), 0).Reason);
    }

    // ---- 2. InstrumentDefinition re-sent ----

    [Theory]
    [InlineData("expiry")] // why: 1,000 ns would expire the future at once
    [InlineData("tick")] // why: 1.0 instead of 0.25
    [InlineData("multiplier")] // why: 5000 instead of 50
    [InlineData("group")] // why: group 1
    [InlineData("kind")] // why: an option now
    [InlineData("strike")] // why: a future carries no strike
    [InlineData("putCall")] // why: a future carries no right
    [InlineData("underlying")] // why: a future has no underlying
    public void InstrumentDefinition_FutureResentWithAnotherField_InvalidReferenceDataNothingChanged(string field)
    {
        var gate = Start();
        var twin = Start();
        var expiry = FutureExpiry;
        var tick = Tick;
        var multiplier = 50.0;
        var group = 0u;
        var kind = InstrumentKind.Future;
        var strike = long.MinValue;
        var putCall = PutCall.None;
        var underlying = uint.MaxValue;
        switch (field)
        {
            case "expiry": expiry = 1_000; break;
            case "tick": tick = 1_000_000_000; break;
            case "multiplier": multiplier = 5000; break;
            case "group": group = 1; break;
            case "kind": (kind, putCall, underlying, strike) = (InstrumentKind.Option, PutCall.Call, 300, F); break;
            case "strike": strike = F; break;
            case "putCall": putCall = PutCall.Call; break;
            default: underlying = 300; break;
        }

        var d = gate.Submit(Definition(100, group, kind, underlying, putCall, expiry, strike, tick, multiplier, TradingState.Halted), 0);

        Assert.Equal(RejectReason.InvalidReferenceData, d.Reason);
        AssertSameAsTwin(gate, twin); // the Halted state of the rejected message was not applied either
    }

    [Theory]
    [InlineData("expiry")] // why: one nanosecond later
    [InlineData("strike")] // why: 5000.000000001 instead of 5000
    [InlineData("putCall")] // why: a put now
    [InlineData("underlying")] // why: group 1's future
    [InlineData("tick")] // why: 0.10 instead of 0.05
    public void InstrumentDefinition_OptionResentWithAnotherField_InvalidReferenceDataNothingChanged(string field)
    {
        var gate = Start();
        var twin = Start();
        var expiry = OptionExpiry;
        var strike = F;
        var putCall = PutCall.Call;
        var underlying = 100u;
        var tick = 50_000_000L;
        switch (field)
        {
            case "expiry": expiry++; break;
            case "strike": strike++; break;
            case "putCall": putCall = PutCall.Put; break;
            case "underlying": underlying = 300; break;
            default: tick = 100_000_000; break;
        }

        var d = gate.Submit(Definition(204, 0, InstrumentKind.Option, underlying, putCall, expiry, strike, tick, 50, TradingState.Halted), 0);

        Assert.Equal(RejectReason.InvalidReferenceData, d.Reason);
        AssertSameAsTwin(gate, twin);
    }

    [Fact]
    public void InstrumentDefinition_ResentIdentical_AcceptedNothingChanged()
    {
        var gate = Start();
        var twin = Start();

        var future = gate.Submit(Definition(100, 0, InstrumentKind.Future, uint.MaxValue, PutCall.None, FutureExpiry, long.MinValue, Tick, 50, TradingState.Active), 0);
        var option = gate.Submit(Definition(204, 0, InstrumentKind.Option, 100, PutCall.Call, OptionExpiry, F, 50_000_000, 50, TradingState.Active), 0);

        Assert.True(future.IsAccepted, future.Reason.ToString());
        Assert.True(option.IsAccepted, option.Reason.ToString());
        AssertSameAsTwin(gate, twin);
    }

    [Fact]
    public void InstrumentDefinition_ResentIdenticalHalted_OnlyTheStateChanges()
    {
        var gate = Start();

        Assert.True(gate.Submit(Definition(100, 0, InstrumentKind.Future, uint.MaxValue, PutCall.None, FutureExpiry, long.MinValue, Tick, 50, TradingState.Halted), 0).IsAccepted);
        Assert.True(gate.Submit(Definition(204, 0, InstrumentKind.Option, 100, PutCall.Call, OptionExpiry, F, 50_000_000, 50, TradingState.Halted), 0).IsAccepted);

        Assert.Equal(RejectReason.InstrumentNotTradable, gate.Submit(Order(7001, 1, 100, 1, F, Side.Buy), 0).Reason);
        Assert.Equal(RejectReason.InstrumentNotTradable, gate.Submit(Order(7002, 1, 204, 1, AtTheMoneyCall(), Side.Buy), 0).Reason);
        Assert.True(gate.Submit(Order(7003, 1, 300, 1, 18000_000_000_000, Side.Buy), 0).IsAccepted); // why: group 1 untouched
    }

    [Fact]
    public void InstrumentDefinition_NullInstrumentId_InvalidReferenceDataNothingRegistered()
    {
        var gate = new DirectGate(new GateOptions { Engine = GateSession.EngineOptions(), SweepAccounts = 0 });

        var d = gate.Submit(Definition(uint.MaxValue, 0, InstrumentKind.Future, uint.MaxValue, PutCall.None, FutureExpiry, long.MinValue, Tick, 50, TradingState.Active), 0);

        Assert.Equal(RejectReason.InvalidReferenceData, d.Reason);
        Assert.Equal(-1, gate.Engine.InstrumentIndex(uint.MaxValue));
        Assert.Equal(0, gate.Engine.Instruments.Count);
    }

    // ---- 3. Throttle windows and group defaults ----

    [Theory]
    [InlineData(60_000_000_000UL)] // why: the audit's 60 s: the stamp rings hold one window, the engine's 1 s
    [InlineData(999_999_999UL)] // why: one nanosecond shorter is not the engine's window either
    public void AccountLimits_ThrottleWindowOtherThanTheEngines_InvalidReferenceDataNothingChanged(ulong window)
    {
        var gate = Start();
        var twin = Start();

        var d = gate.Submit(Limits(1, throttleMessages: 2, throttleWindow: window), 0);

        Assert.Equal(RejectReason.InvalidReferenceData, d.Reason);
        AssertSameAsTwin(gate, twin); // the throttle of 2 that came with it was not applied either
    }

    [Fact]
    public void AccountLimits_ThrottleWindowEqualToTheEngines_AppliedWithItsCount()
    {
        var gate = Start();

        Assert.True(gate.Submit(Limits(1, throttleMessages: 2, throttleWindow: 1_000_000_000), 0).IsAccepted);

        // Oracle: 2 messages per 1 s window; the third inside the window is refused, one a window later passes.
        // (10 s after the set-up's own orders, which are out of the window by then.)
        const ulong Later = T + 10_000_000_000;
        Assert.True(gate.Submit(Order(7001, 1, 100, 1, F, Side.Buy, TimeInForce.ImmediateOrCancel, Later + 1), 0).IsAccepted);
        Assert.True(gate.Submit(Order(7002, 1, 100, 1, F, Side.Buy, TimeInForce.ImmediateOrCancel, Later + 2), 0).IsAccepted);
        Assert.Equal(RejectReason.ThrottleExceeded, gate.Submit(Order(7003, 1, 100, 1, F, Side.Buy, TimeInForce.ImmediateOrCancel, Later + 3), 0).Reason);
        Assert.True(gate.Submit(Order(7004, 1, 100, 1, F, Side.Buy, TimeInForce.ImmediateOrCancel, Later + 1_000_000_001), 0).IsAccepted);
    }

    [Fact]
    public void RiskParameters_DefaultThrottleWindowOtherThanTheEngines_InvalidReferenceDataNothingChanged()
    {
        var gate = Start();
        var twin = Start();

        var d = gate.Submit(RiskParameters(0, maxWorkingOrders: 1, throttleMessages: 1, throttleWindow: 60_000_000_000), 0);

        Assert.Equal(RejectReason.InvalidReferenceData, d.Reason);
        Assert.Equal(200, gate.Engine.GroupLimits(0).MaxWorkingOrders);
        AssertSameAsTwin(gate, twin);
    }

    [Fact]
    public void RiskParameters_DefaultMaxWorkingOrders_AppliesToAccountsWithoutOverride()
    {
        var gate = Start();

        Assert.True(gate.Submit(RiskParameters(0, maxWorkingOrders: 2, throttleMessages: 60, throttleWindow: 1_000_000_000), 0).IsAccepted);

        Assert.True(gate.Submit(Order(7001, 2, 100, 1, F, Side.Buy), 0).IsAccepted);
        Assert.True(gate.Submit(Order(7002, 2, 100, 1, F - Tick, Side.Buy), 0).IsAccepted);
        Assert.Equal(RejectReason.MaxWorkingOrdersExceeded, gate.Submit(Order(7003, 2, 100, 1, F - (2 * Tick), Side.Buy), 0).Reason);
        Assert.True(gate.Submit(Limits(2, maxWorkingOrders: 3), 0).IsAccepted); // an account override wins over the default
        Assert.True(gate.Submit(Order(7004, 2, 100, 1, F - (2 * Tick), Side.Buy), 0).IsAccepted);
    }

    [Fact]
    public void RiskParameters_DefaultThrottleMessages_AppliesToOrdersAndCancels()
    {
        var gate = Start();

        Assert.True(gate.Submit(RiskParameters(0, maxWorkingOrders: 200, throttleMessages: 1, throttleWindow: ulong.MaxValue), 0).IsAccepted);

        Assert.True(gate.Submit(Order(7001, 2, 100, 1, F, Side.Buy), 0).IsAccepted);
        Assert.Equal(RejectReason.ThrottleExceeded, gate.Submit(Order(7002, 2, 100, 1, F, Side.Buy), 0).Reason);
        Assert.True(gate.Submit(Cancel(7003, 2, 100, 7001), 0).IsAccepted);
        Assert.Equal(RejectReason.ThrottleExceeded, gate.Submit(Cancel(7004, 2, 100, 7001), 0).Reason);
    }

    [Fact]
    public void RiskParameters_OtherGroupsDefault_AccountWideLimitIsTheSmallestOverGroups()
    {
        var gate = Start();

        // Working orders are counted per account, over every group: the strictest group default applies.
        Assert.True(gate.Submit(RiskParameters(1, maxWorkingOrders: 1, throttleMessages: 60, throttleWindow: 1_000_000_000), 0).IsAccepted);

        Assert.True(gate.Submit(Order(7001, 2, 100, 1, F, Side.Buy), 0).IsAccepted);
        Assert.Equal(RejectReason.MaxWorkingOrdersExceeded, gate.Submit(Order(7002, 2, 100, 1, F - Tick, Side.Buy), 0).Reason);
        Assert.True(gate.Submit(RiskParameters(1, maxWorkingOrders: 200, throttleMessages: 60, throttleWindow: 1_000_000_000), 0).IsAccepted);
        Assert.True(gate.Submit(Order(7003, 2, 100, 1, F - Tick, Side.Buy), 0).IsAccepted);
    }

    // ---- 4. Negative AccountLimits values ----

    [Theory]
    [InlineData(-1L, long.MinValue, long.MinValue)] // why: -1 is the engine's "inherit", never a wire value
    [InlineData(long.MinValue, long.MinValue, -7L)] // why: any negative position limit
    [InlineData(long.MinValue, -1L, long.MinValue)] // why: -0.0001 in MONEY4, negative
    [InlineData(long.MinValue, -9999L, long.MinValue)] // why: -0.9999, rounds to no whole currency unit
    [InlineData(long.MinValue, -10_000L, long.MinValue)] // why: -1.0, exactly the engine's "inherit" after scaling
    [InlineData(long.MinValue + 1, long.MinValue, long.MinValue)] // why: one above the null is still negative
    public void AccountLimits_NegativeValue_InvalidReferenceDataNothingChanged(long maxOrderQuantity, long maxNotional, long positionLimit)
    {
        var gate = Start();
        var twin = Start();
        Assert.True(gate.Submit(Limits(1, maxOrderQuantity: 5, positionLimit: 5, maxNotional: 10_000_000L * 10_000), 0).IsAccepted);
        Assert.True(twin.Submit(Limits(1, maxOrderQuantity: 5, positionLimit: 5, maxNotional: 10_000_000L * 10_000), 0).IsAccepted);

        var d = gate.Submit(Limits(1, maxOrderQuantity: maxOrderQuantity, maxNotional: maxNotional, positionLimit: positionLimit), 0);

        Assert.Equal(RejectReason.InvalidReferenceData, d.Reason);
        Assert.Equal(RejectReason.MaxOrderQuantityExceeded, gate.Submit(Order(7001, 1, 100, 10, F, Side.Buy), 0).Reason);
        AssertSameAsTwin(gate, twin);
    }

    [Fact]
    public void AccountLimits_NegativeValueInScopedMessage_InvalidReferenceDataNothingChanged()
    {
        var gate = Start();
        var twin = Start();

        var d = gate.Submit(Limits(1, maxOrderQuantity: -1, group: 0), 0);

        Assert.Equal(RejectReason.InvalidReferenceData, d.Reason);
        Assert.Equal(0, gate.Engine.ScopedLimits.Count);
        AssertSameAsTwin(gate, twin);
    }

    [Fact]
    public void AccountLimits_Zero_IsAHardZero()
    {
        var gate = Start();

        Assert.True(gate.Submit(Limits(2, maxOrderQuantity: 0), 0).IsAccepted);
        Assert.Equal(RejectReason.MaxOrderQuantityExceeded, gate.Submit(Order(7001, 2, 100, 1, F, Side.Buy), 0).Reason);
        Assert.True(gate.Submit(Limits(3, positionLimit: 0), 0).IsAccepted);
        Assert.Equal(RejectReason.PositionLimitExceeded, gate.Submit(Order(7002, 3, 100, 1, F, Side.Buy), 0).Reason);
        Assert.True(gate.Submit(Limits(5, maxNotional: 0), 0).IsAccepted);
        Assert.Equal(RejectReason.MaxNotionalExceeded, gate.Submit(Order(7003, 5, 100, 1, F, Side.Buy), 0).Reason);
    }

    // ---- 5. VolSurface ----

    [Fact]
    public void VolSurface_ExpiryOfNoOption_InvalidReferenceDataNothingChanged()
    {
        var gate = Start();
        var twin = Start();

        // A 2% smile for 0.05 y: no option of group 0 expires then (they expire at 0.24 y).
        var d = gate.Submit(Svi(0, (ulong)(0.05 * GateSession.Year), 0.02, 0.05), 0);

        Assert.Equal(RejectReason.InvalidReferenceData, d.Reason);
        AssertSameAsTwin(gate, twin);
    }

    [Theory]
    [InlineData(1L)] // why: one nanosecond after the options' expiry is another expiry
    [InlineData(-1L)] // why: and one before
    public void VolSurface_ExpiryOffByOneNanosecond_InvalidReferenceData(long offset)
    {
        var gate = Start();
        var twin = Start();

        var d = gate.Submit(Svi(0, (ulong)((long)OptionExpiry + offset), 0.02, GateSession.OptionYears), 0);

        Assert.Equal(RejectReason.InvalidReferenceData, d.Reason);
        AssertSameAsTwin(gate, twin);
    }

    [Fact]
    public void VolSurface_OptionsExactExpiry_AppliedToTheirSmile()
    {
        var gate = Start();
        var twin = Start();

        var d = gate.Submit(Svi(0, OptionExpiry, 0.40, GateSession.OptionYears), 0);

        // Oracle: account 1 is short 20 calls; doubling the vol raises their value, so equity falls.
        Assert.True(d.IsAccepted, d.Reason.ToString());
        var after = gate.Submit(Deposit(1, 8001), 0);
        var before = twin.Submit(Deposit(1, 8001), 0);
        Assert.True(after.Equity < before.Equity, $"{after.Equity} vs {before.Equity}");
        Assert.True(after.InitialMarginAfter > before.InitialMarginAfter, $"{after.InitialMarginAfter} vs {before.InitialMarginAfter}");
    }

    [Theory]
    [InlineData((byte)0)] // why: the enum null
    [InlineData((byte)7)] // why: not a form
    public void VolSurface_FormNotSviOrGrid_InvalidReferenceDataNothingChanged(byte form)
    {
        var gate = Start();
        var twin = Start();
        var buffer = new byte[4096];
        var length = LargeMessageEncoding.GridSurface(buffer, 0, 0.02);
        buffer[MessageHeader.Length + VolSurfaceDecoder.FormOffset] = form;

        var d = gate.Submit(buffer.AsSpan(0, length), 0);

        Assert.Equal(RejectReason.InvalidReferenceData, d.Reason);
        AssertSameAsTwin(gate, twin);
    }

    [Theory]
    [InlineData(SurfaceForm.Grid)] // why: a grid surface carrying an SVI parameter is ambiguous
    [InlineData(SurfaceForm.Svi)] // why: an SVI surface carrying grid points is too
    public void VolSurface_FieldsOfTheOtherForm_InvalidReferenceDataNothingChanged(SurfaceForm form)
    {
        var gate = Start();
        var twin = Start();
        var buffer = new byte[4096];
        var length = LargeMessageEncoding.GridSurface(buffer, 0, 0.02);
        var block = buffer.AsSpan(MessageHeader.Length);
        block[VolSurfaceDecoder.FormOffset] = (byte)form;
        BinaryPrimitives.WriteDoubleLittleEndian(block[VolSurfaceDecoder.SviAOffset..], 0.02 * 0.02 * GateSession.OptionYears);
        if (form == SurfaceForm.Svi)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(block[VolSurfaceDecoder.SviBOffset..], 0.001);
            BinaryPrimitives.WriteDoubleLittleEndian(block[VolSurfaceDecoder.SviRhoOffset..], 0);
            BinaryPrimitives.WriteDoubleLittleEndian(block[VolSurfaceDecoder.SviMOffset..], 0);
            BinaryPrimitives.WriteDoubleLittleEndian(block[VolSurfaceDecoder.SviSigmaOffset..], 0.2);
        }

        var d = gate.Submit(buffer.AsSpan(0, length), 0);

        Assert.Equal(RejectReason.InvalidReferenceData, d.Reason);
        AssertSameAsTwin(gate, twin);
    }

    [Fact]
    public void VolSurface_InvalidSviOrUnknownGroup_InvalidReferenceData()
    {
        var gate = Start();
        var twin = Start();
        var buffer = new byte[128];
        var badB = VolSurfaceEncoder.Wrap(buffer).ProductGroupId(0).Form(SurfaceForm.Svi).Expiry(OptionExpiry).SendingTime(1)
            .SviA(0.01).SviB(-0.01).SviRho(0).SviM(0).SviSigma(0.2).EncodedLength; // b < 0 is no smile

        Assert.Equal(RejectReason.InvalidReferenceData, gate.Submit(buffer.AsSpan(0, badB), 0).Reason);
        Assert.Equal(RejectReason.InvalidReferenceData, gate.Submit(Svi(2, OptionExpiry, 0.2, GateSession.OptionYears), 0).Reason); // groups are 0 and 1
        AssertSameAsTwin(gate, twin);
    }

    [Fact]
    public void VolSurface_FutureCarryingOptionsOfTwoExpiries_InvalidReferenceData()
    {
        // The engine keeps one smile per future: a surface for one of two expiries would reprice the other.
        var gate = new DirectGate(new GateOptions { Engine = GateSession.EngineOptions(), SweepAccounts = 0 });
        var early = (ulong)(0.20 * GateSession.Year);
        Assert.True(gate.Submit(Definition(100, 0, InstrumentKind.Future, uint.MaxValue, PutCall.None, FutureExpiry, long.MinValue, Tick, 50, TradingState.Active), 0).IsAccepted);
        Assert.True(gate.Submit(Definition(200, 0, InstrumentKind.Option, 100, PutCall.Call, OptionExpiry, F, 50_000_000, 50, TradingState.Active), 0).IsAccepted);
        Assert.True(gate.Submit(Definition(201, 0, InstrumentKind.Option, 100, PutCall.Call, early, F, 50_000_000, 50, TradingState.Active), 0).IsAccepted);
        Assert.True(gate.Submit(MarketPrice(100, F, MarketPriceType.Mark, 0), 0).IsAccepted);

        Assert.Equal(RejectReason.InvalidReferenceData, gate.Submit(Svi(0, OptionExpiry, 0.2, GateSession.OptionYears), 0).Reason);
        Assert.Equal(RejectReason.InvalidReferenceData, gate.Submit(Svi(0, early, 0.2, 0.20), 0).Reason);
    }

    // ---- 6. TradingControl ----

    [Theory]
    [InlineData((byte)2)] // why: a wire boolean is exactly 0 or 1
    [InlineData((byte)255)] // why: likewise
    public void TradingControl_CancelFlagNotZeroOrOne_InvalidReferenceDataNothingChanged(byte flag)
    {
        var gate = Start();
        var twin = Start();
        Assert.True(gate.Submit(Order(6001, 1, 100, 1, F - Tick, Side.Buy), 0).IsAccepted);
        Assert.True(twin.Submit(Order(6001, 1, 100, 1, F - Tick, Side.Buy), 0).IsAccepted);

        var d = gate.Submit(Control(ControlScope.Account, 1, uint.MaxValue, TradingState.Halted, (BooleanType)flag), 0);

        Assert.Equal(RejectReason.InvalidReferenceData, d.Reason);
        Assert.Equal(1, gate.Engine.Orders.AccountCount(gate.Engine.AccountIndex(1)));
        AssertSameAsTwin(gate, twin);
    }

    [Theory]
    [InlineData(ControlScope.ProductGroup, 1u, 0u)] // why: the audit's case: meant for account 1, would lift the group for all
    [InlineData(ControlScope.ProductGroup, uint.MaxValue, uint.MaxValue)] // why: a group scope without its group
    [InlineData(ControlScope.Global, 1u, uint.MaxValue)] // why: global names no account
    [InlineData(ControlScope.Global, uint.MaxValue, 0u)] // why: nor a group
    [InlineData(ControlScope.Account, 1u, 0u)] // why: an account scope names no group
    [InlineData(ControlScope.Account, uint.MaxValue, uint.MaxValue)] // why: the null id names no account
    [InlineData(ControlScope.AccountProductGroup, 1u, uint.MaxValue)] // why: both ids needed
    [InlineData(ControlScope.AccountProductGroup, uint.MaxValue, 0u)] // why: likewise
    [InlineData((ControlScope)0, uint.MaxValue, uint.MaxValue)] // why: the enum null
    public void TradingControl_IdsContradictingScope_InvalidReferenceDataNothingChanged(ControlScope scope, uint account, uint group)
    {
        var gate = Start();
        var twin = Start();
        Assert.True(gate.Submit(Control(ControlScope.ProductGroup, uint.MaxValue, 0, TradingState.Halted, BooleanType.False), 0).IsAccepted);
        Assert.True(twin.Submit(Control(ControlScope.ProductGroup, uint.MaxValue, 0, TradingState.Halted, BooleanType.False), 0).IsAccepted);

        var d = gate.Submit(Control(scope, account, group, TradingState.Active, BooleanType.True), 0);

        Assert.Equal(RejectReason.InvalidReferenceData, d.Reason);
        Assert.Equal(RejectReason.TradingHalted, gate.Submit(Order(6001, 2, 100, 1, F, Side.Buy), 0).Reason);
        AssertSameAsTwin(gate, twin);
    }

    [Fact]
    public void TradingControl_GroupScopeWithNullAccount_Applied()
    {
        var gate = Start();

        Assert.True(gate.Submit(Control(ControlScope.ProductGroup, uint.MaxValue, 0, TradingState.Halted, BooleanType.False), 0).IsAccepted);
        Assert.Equal(RejectReason.TradingHalted, gate.Submit(Order(6001, 2, 100, 1, F, Side.Buy), 0).Reason);
        Assert.True(gate.Submit(Control(ControlScope.ProductGroup, uint.MaxValue, 0, TradingState.Active, BooleanType.False), 0).IsAccepted);
        Assert.True(gate.Submit(Order(6002, 2, 100, 1, F, Side.Buy), 0).IsAccepted);
    }

    // ---- 7. The id32 null ----

    [Fact]
    public void AccountLimits_NullAccountId_InvalidReferenceDataNothingRegistered()
    {
        var gate = Start();
        var twin = Start();
        var accounts = gate.Engine.AccountCount;

        var d = gate.Submit(Limits(uint.MaxValue, maxOrderQuantity: 5), 0);

        Assert.Equal(RejectReason.InvalidReferenceData, d.Reason);
        Assert.Equal(accounts, gate.Engine.AccountCount);
        Assert.Equal(-1, gate.Engine.AccountIndex(uint.MaxValue));
        AssertSameAsTwin(gate, twin);
    }

    [Fact]
    public void NullIds_LookedUp_FailClosedAsUnknown()
    {
        var gate = Start();
        var twin = Start();

        Assert.Equal(RejectReason.UnknownAccount, gate.Submit(Order(6001, uint.MaxValue, 100, 1, F, Side.Buy), 0).Reason);
        Assert.Equal(RejectReason.UnknownInstrument, gate.Submit(Order(6002, 1, uint.MaxValue, 1, F, Side.Buy), 0).Reason);
        Assert.Equal(RejectReason.UnknownAccount, gate.Submit(Deposit(uint.MaxValue, 6003), 0).Reason);
        Assert.Equal(RejectReason.UnknownAccount, gate.Submit(Cancel(6004, uint.MaxValue, 100, 901), 0).Reason);
        Assert.Equal(RejectReason.InvalidReferenceData, gate.Submit(Limits(uint.MaxValue, maxOrderQuantity: 5, group: 0), 0).Reason);
        twin.Submit(Order(6001, uint.MaxValue, 100, 1, F, Side.Buy), 0); // why: the same order-path messages, so both clocks agree however rejects stamp time
        twin.Submit(Order(6002, 1, uint.MaxValue, 1, F, Side.Buy), 0);
        twin.Submit(Deposit(uint.MaxValue, 6003), 0);
        twin.Submit(Cancel(6004, uint.MaxValue, 100, 901), 0);
        AssertSameAsTwin(gate, twin);
    }

    // ---- helpers ----

    // GateSession's set-up, without sweeps (they follow input numbering, which a rejected message shifts),
    // then positions so prices and vols move margin: account 1 long 10 futures and short 20 ATM calls.
    private static DirectGate Start()
    {
        var gate = new DirectGate(new GateOptions { Engine = GateSession.EngineOptions(), SweepAccounts = 0 });
        foreach (var (bytes, _) in new GateSession(1).Setup())
        {
            Assert.True(gate.Submit(bytes, 0).IsAccepted);
        }

        var call = AtTheMoneyCall();
        Assert.True(gate.Submit(Order(901, 1, 100, 10, F, Side.Buy), 0).IsAccepted);
        Assert.True(gate.Submit(Fill(1, 100, 901, 10, F, Side.Buy), 0).IsAccepted);
        Assert.True(gate.Submit(Order(902, 1, 204, 20, call, Side.Sell), 0).IsAccepted);
        Assert.True(gate.Submit(Fill(1, 204, 902, 20, call, Side.Sell), 0).IsAccepted);
        return gate;
    }

    // Black-76 on GateSession's SVI smile at the money, on the 0.05 tick: inside the option's collar.
    private static long AtTheMoneyCall()
    {
        const double Years = GateSession.OptionYears;
        var vol = new SviSmile(Years, 0.2 * 0.2 * Years, 0.01, -0.3, 0, 0.2).Vol(5000, 5000);
        var price = Black76.Price(true, 5000, 5000, Years, 0, vol);
        return (long)Math.Round(price * 20) * 50_000_000;
    }

    // The same probes on both gates: margins, equity, limits, throttle, collars and vols all show in them.
    private static void AssertSameAsTwin(DirectGate gate, DirectGate twin)
    {
        Assert.Equal(twin.Engine.Now, gate.Engine.Now);
        var expected = Probe(twin);
        var actual = Probe(gate);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(expected[i].Equals(actual[i]), $"probe {i}: twin {Describe(expected[i])}, gate {Describe(actual[i])}");
        }
    }

    private static string Describe(in GateDecision d)
        => $"{d.Reason} initial {d.InitialMarginBefore}->{d.InitialMarginAfter} equity {d.Equity} excess {d.Excess} time {d.DecisionTimeNs}";

    private static GateDecision[] Probe(DirectGate g)
    {
        var call = AtTheMoneyCall();
        byte[][] probes =
        [
            Deposit(1, 5001),
            Deposit(4, 5002),
            Order(5003, 1, 100, 10, F, Side.Buy),
            Order(5004, 1, 100, 1, F - Tick, Side.Buy),
            Order(5005, 1, 100, 1, F + Tick, Side.Sell, TimeInForce.ImmediateOrCancel),
            Order(5006, 2, 100, 1, F, Side.Buy),
            Order(5007, 4, 100, 100, F, Side.Buy, TimeInForce.ImmediateOrCancel),
            Order(5008, 1, 204, 1, call, Side.Sell, TimeInForce.ImmediateOrCancel),
            Order(5009, 1, 204, 1, call + 500_000_000, Side.Buy, TimeInForce.ImmediateOrCancel),
            Order(5010, 1, 100, 1, 5200_000_000_000, Side.Buy, TimeInForce.ImmediateOrCancel),
            Order(5011, 1, 100, 1000, F, Side.Buy, TimeInForce.ImmediateOrCancel),
            Cancel(5012, 1, 100, 5003),
            Order(5013, 2, 300, 1, 18000_000_000_000, Side.Sell),
            Deposit(1, 5014),
        ];
        var decisions = new GateDecision[probes.Length];
        for (var i = 0; i < probes.Length; i++)
        {
            decisions[i] = g.Submit(probes[i], 0);
            decisions[i].Sequence = 0; // the outbound and input counts differ by the rejected message
            decisions[i].InputSequence = 0;
        }

        return decisions;
    }

    private static byte[] Order(ulong id, uint account, uint instrument, long quantity, long price, Side side, TimeInForce tif = TimeInForce.Day, ulong time = T)
    {
        var b = new byte[NewOrderEncoder.Length];
        NewOrderEncoder.Wrap(b).ClientOrderId(id).AccountId(account).InstrumentId(instrument).Quantity(quantity).Price(price)
            .Side(side).OrderType(OrderType.Limit).TimeInForce(tif).SendingTime(time);
        return b;
    }

    private static byte[] Cancel(ulong id, uint account, uint instrument, ulong original)
    {
        var b = new byte[CancelOrderEncoder.Length];
        CancelOrderEncoder.Wrap(b).ClientOrderId(id).OriginalClientOrderId(original).AccountId(account).InstrumentId(instrument).SendingTime(T);
        return b;
    }

    private static byte[] Fill(uint account, uint instrument, ulong id, long quantity, long price, Side side)
    {
        var b = new byte[FillEncoder.Length];
        FillEncoder.Wrap(b).AccountId(account).InstrumentId(instrument).ClientOrderId(id).Quantity(quantity).Price(price).Side(side)
            .ExecId(id).TransactTime(T).LeavesQuantity(0);
        return b;
    }

    private static byte[] Deposit(uint account, ulong request)
    {
        var b = new byte[AccountCollateralEncoder.Length];
        AccountCollateralEncoder.Wrap(b).RequestId(request).AccountId(account).Action(CollateralAction.Deposit).Amount(10_000).SendingTime(T);
        return b;
    }

    private static byte[] MarketPrice(uint instrument, long price, MarketPriceType type, ulong time)
    {
        var b = new byte[MarketPriceEncoder.Length];
        MarketPriceEncoder.Wrap(b).InstrumentId(instrument).PriceType(type).Price(price).TransactTime(time);
        return b;
    }

    private static byte[] Limits(
        uint account, long maxOrderQuantity = long.MinValue, long maxNotional = long.MinValue, long positionLimit = long.MinValue,
        uint maxWorkingOrders = uint.MaxValue, uint throttleMessages = uint.MaxValue, ulong throttleWindow = ulong.MaxValue, uint group = uint.MaxValue)
    {
        var b = new byte[AccountLimitsEncoder.Length];
        AccountLimitsEncoder.Wrap(b).AccountId(account).ProductGroupId(group).MaxOrderQuantity(maxOrderQuantity).MaxNotional(maxNotional)
            .PositionLimit(positionLimit).MaxWorkingOrders(maxWorkingOrders).ThrottleMessages(throttleMessages).ThrottleWindow(throttleWindow).SendingTime(1);
        return b;
    }

    private static byte[] Control(ControlScope scope, uint account, uint group, TradingState state, BooleanType cancel)
    {
        var b = new byte[TradingControlEncoder.Length];
        TradingControlEncoder.Wrap(b).RequestId(1).AccountId(account).ProductGroupId(group).Scope(scope).State(state).CancelWorkingOrders(cancel).SendingTime(1);
        return b;
    }

    private static byte[] Definition(uint id, uint group, InstrumentKind kind, uint underlying, PutCall putCall, ulong expiry, long strike, long tick, double multiplier, TradingState state)
    {
        var b = new byte[InstrumentDefinitionEncoder.Length];
        InstrumentDefinitionEncoder.Wrap(b).InstrumentId(id).ProductGroupId(group).UnderlyingInstrumentId(underlying).Kind(kind).PutCall(putCall)
            .TradingState(state).Expiry(expiry).Strike(strike).TickSize(tick).ContractMultiplier(multiplier);
        return b;
    }

    // An SVI smile flat at about atmVol for an expiry time years from the valuation time.
    private static byte[] Svi(uint group, ulong expiry, double atmVol, double years)
    {
        var b = new byte[128];
        var n = VolSurfaceEncoder.Wrap(b).ProductGroupId(group).Form(SurfaceForm.Svi).Expiry(expiry).SendingTime(1)
            .SviA(atmVol * atmVol * years).SviB(0.001).SviRho(0).SviM(0).SviSigma(0.2).EncodedLength;
        return b.AsSpan(0, n).ToArray();
    }

    // RiskParameters as GateSession's margin set-up (LargeMessageEncoding), with the account-wide defaults given.
    private static byte[] RiskParameters(uint group, uint maxWorkingOrders, uint throttleMessages, ulong throttleWindow)
    {
        var b = new byte[RiskParametersDecoder.MaxEncodedLength];
        var n = LargeMessageEncoding.RiskParameters(b, group, 100);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(MessageHeader.Length + RiskParametersDecoder.DefaultMaxWorkingOrdersOffset), maxWorkingOrders);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(MessageHeader.Length + RiskParametersDecoder.DefaultThrottleMessagesOffset), throttleMessages);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(MessageHeader.Length + RiskParametersDecoder.DefaultThrottleWindowOffset), throttleWindow);
        return b.AsSpan(0, n).ToArray();
    }
}
