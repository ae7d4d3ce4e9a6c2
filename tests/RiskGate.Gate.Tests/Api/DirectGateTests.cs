using RiskGate.Engine;
using RiskGate.Engine.Checks;
using RiskGate.Gate.Api;
using RiskGate.Gate.Pipeline;
using RiskGate.Gate.Tests.Pipeline;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Messages;

namespace RiskGate.Gate.Tests.Api;

public class DirectGateTests
{
    [Fact]
    public void Submit_FuzzedBytesInterleaved_NeverThrowsAndLeavesDecisionsUnchanged()
    {
        var options = new GateOptions { Engine = GateSession.EngineOptions(), SweepAccounts = 0 }; // sweeps follow input numbering
        var clean = new DirectGate(options);
        var fuzzed = new DirectGate(options);
        var session = new GateSession(seed: 21);
        var random = new Random(99);
        foreach (var (bytes, _) in session.Setup())
        {
            clean.Submit(bytes, 0);
            fuzzed.Submit(bytes, 0);
        }

        var buffer = new byte[96];
        var junk = new byte[200];
        var junkDecisions = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var length = session.Next(buffer, out _);
            var expected = clean.Submit(buffer.AsSpan(0, length), i);
            var actual = fuzzed.Submit(buffer.AsSpan(0, length), i);
            Assert.Equal(Comparable(expected), Comparable(actual));

            // Random bytes, and valid headers over random bodies that are too short.
            random.NextBytes(junk);
            var junkLength = random.Next(0, junk.Length);
            if (random.Next(2) == 0 && junkLength >= 8)
            {
                MessageHeader.Write(junk, random.Next(0, 200), (ushort)random.Next(0, 30));
                junkLength = Math.Min(junkLength, 8 + random.Next(0, 16));
            }

            var d = fuzzed.Submit(junk.AsSpan(0, junkLength), i);
            Assert.False(d.IsAccepted);
            Assert.True(d.Reason is RejectReason.MalformedMessage or RejectReason.UnsupportedMessage, "junk got " + d.Reason);
            Assert.True(fuzzed.Alerts.IsEmpty);
            junkDecisions++;
        }

        Assert.Equal(20_000, junkDecisions);
        Assert.Equal(clean.Engine.Now, fuzzed.Engine.Now);
    }

    [Theory]
    [InlineData(MessageType.OrderDecision)] // outbound kinds are not inputs
    [InlineData(MessageType.AccountAlert)] // likewise
    public void Submit_OutboundMessage_Unsupported(MessageType type)
    {
        var gate = new DirectGate(new GateOptions { Engine = GateSession.EngineOptions() });
        var buffer = new byte[96];
        var length = type == MessageType.OrderDecision
            ? OrderDecisionEncoder.Wrap(buffer).Sequence(1).EncodedLength
            : AccountAlertEncoder.Wrap(buffer).Sequence(1).Kind(AlertKind.MarginCall).EncodedLength;
        var d = gate.Submit(buffer.AsSpan(0, length), 0);
        Assert.Equal(RejectReason.UnsupportedMessage, d.Reason);
        Assert.Equal(type, d.MessageType);
    }

    [Fact]
    public void Submit_ReferenceDataLargerThanSlot_AcceptedOnAdminPath()
    {
        var gate = new DirectGate(new GateOptions { Engine = GateSession.EngineOptions() });
        var session = new GateSession(seed: 1);
        var setup = session.Setup();
        foreach (var (bytes, _) in setup)
        {
            Assert.True(gate.Submit(bytes, 0).IsAccepted);
        }

        // A grid VolSurface of 40 points (716 bytes) cannot ride a 96-byte slot; direct mode takes it.
        var surface = new byte[1100];
        var grid = VolSurfaceEncoder.Wrap(surface).ProductGroupId(0).Form(SurfaceForm.Grid).Expiry((ulong)(GateSession.OptionYears * GateSession.Year)).SendingTime(5);
        var points = grid.BeginGridPoints(40);
        for (var i = 0; i < 40; i++)
        {
            points.LogMoneyness(i, -1 + (i * 0.05)).Volatility(i, 0.2 + (0.001 * i));
        }

        var length = MessageHeader.Length + VolSurfaceDecoder.BlockLength + 4 + (40 * VolSurfaceDecoder.GridPointsEntryLength);
        Assert.Equal(716, length);
        var d = gate.Submit(surface.AsSpan(0, length), 0);
        Assert.True(d.IsAccepted, d.Reason.ToString());
    }

    [Fact]
    public void Submit_RiskParameters_SetsGroupDefaultLimitsOnTheEngine()
    {
        var gate = new DirectGate(new GateOptions { Engine = GateSession.EngineOptions() });
        var message = new byte[RiskParametersDecoder.MaxEncodedLength];
        var length = EncodeRiskParameters(message, points: 16);

        var d = gate.Submit(message.AsSpan(0, length), 0);

        Assert.True(d.IsAccepted, d.Reason.ToString());
        var limits = gate.Engine.GroupLimits(1);
        Assert.Equal(7, limits.MaxOrderQuantity);
        Assert.Equal(123.4567, limits.MaxNotional, 9); // MONEY4 → currency units
        Assert.Equal(70, limits.MaxPosition);
        Assert.Equal(9, limits.MaxWorkingOrders);
        Assert.Equal(0.02, limits.CollarFraction);
        Assert.Equal(gate.Engine.Options.ThrottleCapacity, limits.MaxOrdersPerWindow); // null → no throttle beyond capacity
    }

    [Fact]
    public void Submit_RiskParametersWithoutScanPoints_InvalidReferenceDataNothingApplied()
    {
        var gate = new DirectGate(new GateOptions { Engine = GateSession.EngineOptions() });
        var message = new byte[RiskParametersDecoder.MaxEncodedLength];
        var length = EncodeRiskParameters(message, points: 0); // fail closed: a scan set needs points

        var d = gate.Submit(message.AsSpan(0, length), 0);

        Assert.Equal(RejectReason.InvalidReferenceData, d.Reason);
        Assert.Equal(ReferenceDataError.ScanPointCount, gate.Engine.LastReferenceDataError);
        Assert.Equal(100, gate.Engine.GroupLimits(1).MaxOrderQuantity);
    }

    [Fact]
    public void Submit_ScopedAccountLimits_UnknownAccountFailsClosed()
    {
        var gate = new DirectGate(new GateOptions { Engine = GateSession.EngineOptions() });
        var message = new byte[AccountLimitsEncoder.Length];
        AccountLimitsEncoder.Wrap(message).AccountId(3).ProductGroupId(0).MaxOrderQuantity(1).SendingTime(1);

        var d = gate.Submit(message, 0);

        Assert.Equal(RejectReason.UnknownAccount, d.Reason);
        Assert.Equal(-1, gate.Engine.AccountIndex(3)); // nothing registered
    }

    [Fact]
    public void Submit_ScopedAccountLimits_GroupScopeAppliesOnlyInItsGroup()
    {
        var gate = new DirectGate(GateSession.Options());
        foreach (var (bytes, _) in new GateSession(seed: 2).Setup())
        {
            Assert.True(gate.Submit(bytes, 0).IsAccepted);
        }

        var limits = new byte[AccountLimitsEncoder.Length];
        AccountLimitsEncoder.Wrap(limits).AccountId(1).ProductGroupId(1).MaxOrderQuantity(2).SendingTime(2);
        Assert.True(gate.Submit(limits, 0).IsAccepted);
        var stateInScope = new byte[AccountLimitsEncoder.Length];
        AccountLimitsEncoder.Wrap(stateInScope).AccountId(1).InstrumentId(100).TradingState(Protocol.Enums.TradingState.ReduceOnly).SendingTime(2);
        Assert.Equal(RejectReason.InvalidReferenceData, gate.Submit(stateInScope, 0).Reason); // trading state is account-wide

        var order = new byte[NewOrderEncoder.Length];
        NewOrderEncoder.Wrap(order).ClientOrderId(1).AccountId(1).InstrumentId(300).Quantity(3).Price(18000_000_000_000).Side(Side.Buy)
            .OrderType(OrderType.Limit).TimeInForce(TimeInForce.ImmediateOrCancel).SendingTime(3);
        Assert.Equal(RejectReason.MaxOrderQuantityExceeded, gate.Submit(order, 0).Reason); // group 1: 2
        NewOrderEncoder.Wrap(order).ClientOrderId(2).AccountId(1).InstrumentId(100).Quantity(3).Price(5000_000_000_000).Side(Side.Buy)
            .OrderType(OrderType.Limit).TimeInForce(TimeInForce.ImmediateOrCancel).SendingTime(4);
        Assert.Equal(RejectReason.None, gate.Submit(order, 0).Reason); // group 0: the default 100
    }

    [Fact]
    public void Submit_AccountLimitsWithNullFields_LeaveEarlierOverridesAndStateUnchanged()
    {
        var gate = new DirectGate(GateSession.Options());
        foreach (var (bytes, _) in new GateSession(seed: 2).Setup())
        {
            Assert.True(gate.Submit(bytes, 0).IsAccepted);
        }

        var limits = new byte[AccountLimitsEncoder.Length];
        AccountLimitsEncoder.Wrap(limits).AccountId(1).MaxOrderQuantity(2).SendingTime(2);
        Assert.True(gate.Submit(limits, 0).IsAccepted);
        AccountLimitsEncoder.Wrap(limits).AccountId(1).PositionLimit(50).SendingTime(3); // only the position limit
        Assert.True(gate.Submit(limits, 0).IsAccepted);

        var a = gate.Engine.AccountIndex(1);
        Assert.Equal(2, gate.Engine.AccountOverrides(a).MaxOrderQuantity); // kept, not widened back to the default
        Assert.Equal(50, gate.Engine.AccountOverrides(a).MaxPosition);
        var order = new byte[NewOrderEncoder.Length];
        NewOrderEncoder.Wrap(order).ClientOrderId(1).AccountId(1).InstrumentId(100).Quantity(3).Price(5000_000_000_000).Side(Side.Buy)
            .OrderType(OrderType.Limit).TimeInForce(TimeInForce.ImmediateOrCancel).SendingTime(4);
        Assert.Equal(RejectReason.MaxOrderQuantityExceeded, gate.Submit(order, 0).Reason);

        AccountLimitsEncoder.Wrap(limits).AccountId(1).TradingState(Protocol.Enums.TradingState.Halted).SendingTime(5);
        Assert.True(gate.Submit(limits, 0).IsAccepted);
        AccountLimitsEncoder.Wrap(limits).AccountId(1).MaxOrderQuantity(4).SendingTime(6); // state null: stays halted
        Assert.True(gate.Submit(limits, 0).IsAccepted);
        Assert.False(gate.Engine.IsEnabled(a));
    }

    [Fact]
    public void Submit_AccountLimitsReduceOnly_RejectsIncreasingOrdersUntilActive()
    {
        var gate = SetUpGate(out var twin);
        var limits = new byte[AccountLimitsEncoder.Length];
        var order = new byte[NewOrderEncoder.Length];
        var unrestricted = twin.Submit(BuyOne(order, 1, 10), 0).Reason; // the same order where nothing restricts the account
        Assert.NotEqual(RejectReason.ReduceOnly, unrestricted);

        AccountLimitsEncoder.Wrap(limits).AccountId(1).TradingState(Protocol.Enums.TradingState.ReduceOnly).SendingTime(2);
        Assert.True(gate.Submit(limits, 0).IsAccepted);
        var alert = Assert.Single(gate.Alerts.ToArray());
        Assert.Equal((AlertKind.TradingStateChanged, 1u, Protocol.Enums.TradingState.ReduceOnly), (alert.Kind, alert.AccountId, alert.TradingState));
        Assert.Equal(RejectReason.ReduceOnly, gate.Submit(BuyOne(order, 1, 10), 0).Reason); // a flat account: any order increases

        AccountLimitsEncoder.Wrap(limits).AccountId(1).MaxOrderQuantity(100).SendingTime(3); // state null: stays reduce-only
        Assert.True(gate.Submit(limits, 0).IsAccepted);
        Assert.Empty(gate.Alerts.ToArray());
        Assert.Equal(RejectReason.ReduceOnly, gate.Submit(BuyOne(order, 2, 10), 0).Reason);

        AccountLimitsEncoder.Wrap(limits).AccountId(1).TradingState(Protocol.Enums.TradingState.Active).SendingTime(4);
        Assert.True(gate.Submit(limits, 0).IsAccepted);
        Assert.Equal(Protocol.Enums.TradingState.Active, Assert.Single(gate.Alerts.ToArray()).TradingState);
        Assert.Equal(unrestricted, gate.Submit(BuyOne(order, 1, 10), 0).Reason);
    }

    [Theory]
    [InlineData(Protocol.Enums.TradingState.Halted, RejectReason.TradingHalted)]
    [InlineData(Protocol.Enums.TradingState.ReduceOnly, RejectReason.ReduceOnly)]
    public void Submit_AccountLimitsActiveOrReduceOnly_NeverLiftsOrWeakensTradingControlState(Protocol.Enums.TradingState control, RejectReason expected)
    {
        var gate = SetUpGate(out _);
        var message = new byte[TradingControlEncoder.Length];
        TradingControlEncoder.Wrap(message).RequestId(1).AccountId(1).Scope(Protocol.Enums.ControlScope.Account)
            .State(control).CancelWorkingOrders(BooleanType.False).SendingTime(2);
        Assert.True(gate.Submit(message, 0).IsAccepted);
        var limits = new byte[AccountLimitsEncoder.Length];
        var order = new byte[NewOrderEncoder.Length];
        foreach (var state in new[] { Protocol.Enums.TradingState.Active, Protocol.Enums.TradingState.ReduceOnly, Protocol.Enums.TradingState.Active })
        {
            AccountLimitsEncoder.Wrap(limits).AccountId(1).TradingState(state).SendingTime(3);
            Assert.True(gate.Submit(limits, 0).IsAccepted);
            Assert.Empty(gate.Alerts.ToArray()); // why: the account scope's state did not change
            Assert.Equal(expected, gate.Submit(BuyOne(order, 1, 10), 0).Reason);
        }

        TradingControlEncoder.Wrap(message).RequestId(2).AccountId(1).Scope(Protocol.Enums.ControlScope.Account)
            .State(Protocol.Enums.TradingState.Active).CancelWorkingOrders(BooleanType.False).SendingTime(4);
        Assert.True(gate.Submit(message, 0).IsAccepted);
        Assert.NotEqual(expected, gate.Submit(BuyOne(order, 1, 10), 0).Reason);
    }

    [Fact]
    public void Submit_TradingControlActiveWhileAccountLimitsReduceOnly_AlertReportsReduceOnly()
    {
        var gate = SetUpGate(out _);
        var limits = new byte[AccountLimitsEncoder.Length];
        AccountLimitsEncoder.Wrap(limits).AccountId(1).TradingState(Protocol.Enums.TradingState.ReduceOnly).SendingTime(2);
        Assert.True(gate.Submit(limits, 0).IsAccepted);
        var message = new byte[TradingControlEncoder.Length];
        TradingControlEncoder.Wrap(message).RequestId(1).AccountId(1).Scope(Protocol.Enums.ControlScope.Account)
            .State(Protocol.Enums.TradingState.Active).CancelWorkingOrders(BooleanType.False).SendingTime(3);

        Assert.True(gate.Submit(message, 0).IsAccepted);
        Assert.Equal(Protocol.Enums.TradingState.ReduceOnly, Assert.Single(gate.Alerts.ToArray()).TradingState); // why: the account stays reduce-only
        Assert.Equal(RejectReason.ReduceOnly, gate.Submit(BuyOne(new byte[NewOrderEncoder.Length], 1, 10), 0).Reason);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(255)]
    public void Submit_AccountLimitsWithUnknownTradingState_RejectedAndChangesNothing(byte state)
    {
        var gate = SetUpGate(out _);
        var a = gate.Engine.AccountIndex(1);
        var before = gate.Engine.AccountOverrides(a);
        var limits = new byte[AccountLimitsEncoder.Length];
        AccountLimitsEncoder.Wrap(limits).AccountId(1).MaxOrderQuantity(1).TradingState((Protocol.Enums.TradingState)state).SendingTime(2);

        Assert.Equal(RejectReason.InvalidReferenceData, gate.Submit(limits, 0).Reason);
        Assert.Equal(before, gate.Engine.AccountOverrides(a));
        Assert.True(gate.Engine.IsEnabled(a));
    }

    [Fact]
    public void Submit_InstrumentRedefinedReduceOnly_ClosesOnlyUntilActive()
    {
        var gate = SetUpGate(out var twin);
        var order = new byte[NewOrderEncoder.Length];
        var unrestricted = twin.Submit(BuyOne(order, 1, 10), 0).Reason;
        Assert.NotEqual(RejectReason.ReduceOnly, unrestricted);

        Assert.True(gate.Submit(GateSession.FutureDefinition(Protocol.Enums.TradingState.ReduceOnly), 0).IsAccepted);
        Assert.Equal(RejectReason.ReduceOnly, gate.Submit(BuyOne(order, 1, 10), 0).Reason); // a flat account: any order opens
        Assert.True(gate.Submit(GateSession.FutureDefinition(Protocol.Enums.TradingState.Halted), 0).IsAccepted);
        Assert.Equal(RejectReason.InstrumentNotTradable, gate.Submit(BuyOne(order, 1, 10), 0).Reason);
        Assert.True(gate.Submit(GateSession.FutureDefinition(Protocol.Enums.TradingState.Active), 0).IsAccepted);
        Assert.Equal(unrestricted, gate.Submit(BuyOne(order, 1, 10), 0).Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Submit_InstrumentDefinitionWithoutValidState_RejectedAndStateKept(byte state)
    {
        var gate = SetUpGate(out var twin);
        var order = new byte[NewOrderEncoder.Length];
        Assert.True(gate.Submit(GateSession.FutureDefinition(Protocol.Enums.TradingState.ReduceOnly), 0).IsAccepted);

        Assert.Equal(RejectReason.InvalidReferenceData, gate.Submit(GateSession.FutureDefinition((Protocol.Enums.TradingState)state), 0).Reason);
        Assert.Equal(RejectReason.ReduceOnly, gate.Submit(BuyOne(order, 1, 10), 0).Reason);
        Assert.NotEqual(RejectReason.ReduceOnly, twin.Submit(BuyOne(order, 1, 10), 0).Reason);
    }

    // Two gates with the same set-up session: the one under test and a twin that only serves as the oracle.
    private static DirectGate SetUpGate(out DirectGate twin)
    {
        var gate = new DirectGate(GateSession.Options());
        twin = new DirectGate(GateSession.Options());
        foreach (var (bytes, _) in new GateSession(seed: 2).Setup())
        {
            Assert.True(gate.Submit(bytes, 0).IsAccepted);
            Assert.True(twin.Submit(bytes, 0).IsAccepted);
        }

        return gate;
    }

    private static byte[] BuyOne(byte[] order, ulong clientOrderId, ulong time)
    {
        NewOrderEncoder.Wrap(order).ClientOrderId(clientOrderId).AccountId(1).InstrumentId(100).Quantity(1).Price(5000_000_000_000).Side(Side.Buy)
            .OrderType(OrderType.Limit).TimeInForce(TimeInForce.ImmediateOrCancel).SendingTime(time);
        return order;
    }

    [Fact]
    public void Submit_OutboundSequences_GapFreeAcrossDecisionsAndWireAlerts()
    {
        var gate = new DirectGate(GateSession.Options());
        var session = new GateSession(seed: 8);
        var expected = 1L;
        var alerts = 0;
        foreach (var (bytes, _) in session.Setup())
        {
            Assert.Equal(expected++, gate.Submit(bytes, 0).Sequence);
        }

        var buffer = new byte[96];
        for (var i = 0; i < 20_000; i++)
        {
            var d = gate.Submit(buffer.AsSpan(0, session.Next(buffer, out _)), i);
            Assert.Equal(expected++, d.Sequence);
            foreach (var a in gate.Alerts)
            {
                Assert.Equal(a.IsWireKind ? expected++ : 0, a.Sequence);
                Assert.Equal(d.InputSequence, a.InputSequence);
                alerts++;
            }
        }

        Assert.True(alerts > 0, "the session raised no alert: the numbering of alerts went untested");
    }

    [Fact]
    public void RejectCode_EveryValue_SameNameAndNumberAsRejectReason()
    {
        var codes = Enum.GetValues<RejectCode>();
        Assert.Equal(codes.Length, Enum.GetValues<RejectReason>().Length);
        foreach (var code in codes)
        {
            Assert.Equal(code.ToString(), ((RejectReason)(ushort)code).ToString());
        }
    }

    private static GateDecision Comparable(GateDecision d)
    {
        d.Sequence = 0;
        d.InputSequence = 0;
        return d;
    }

    private static int EncodeRiskParameters(Span<byte> message, int points)
    {
        var e = RiskParametersEncoder.Wrap(message).ProductGroupId(1).Methodology(MarginMethodology.Scan)
            .PriceScanRangeKind(ScanRangeKind.Relative).VolScanRangeKind(ScanRangeKind.Relative).PriceScanRange(0.06).VolScanRange(0.25)
            .LookAhead(86_400_000_000_000).InitialToMaintenanceRatio(1.1).RiskFreeRate(0).PriceCollar(0.02).SpreadChargeRate(double.NaN)
            .ShortOptionMinimum(long.MinValue).ConfidenceLevel(double.NaN).LiquidationRatio(0.5)
            .DefaultMaxOrderQuantity(7).DefaultMaxNotional(123_4567).DefaultPositionLimit(70).DefaultMaxWorkingOrders(9)
            .DefaultThrottleMessages(uint.MaxValue).SendingTime(1);
        var span16 = Engine.Scenarios.Spans.Default16;
        var group = e.BeginScanPoints(points);
        for (var i = 0; i < points; i++)
        {
            group.PriceMultiple(i, span16[i].PriceMove).VolMultiple(i, span16[i].VolMove).Weight(i, span16[i].Weight);
        }

        return e.EncodedLength;
    }
}
