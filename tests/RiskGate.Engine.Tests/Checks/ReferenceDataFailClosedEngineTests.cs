using RiskGate.Engine.Checks;
using RiskGate.Engine.Instruments;
using RiskGate.Engine.State;
using static RiskGate.Engine.Tests.EngineFixture;

namespace RiskGate.Engine.Tests.Checks;

/// <summary>The engine's own reference-data and market-data entry points fail closed, whoever calls them.</summary>
public class ReferenceDataFailClosedEngineTests
{
    [Theory]
    [InlineData(0L)] // why: a zero price would collapse scan ranges and the collar
    [InlineData(-1L)] // why: negative
    [InlineData(long.MinValue)] // why: the PRICE9 null
    public void OnMarketPrice_NotPositive_InvalidMarketDataPriceAndTimeUnchanged(long price)
    {
        var f = new EngineFixture();
        var now = f.Engine.Now;
        var reference = f.Reference(EsZ);

        var d = f.Engine.OnMarketPrice(f.Seq(), now + Second, EsZ, price);

        Assert.Equal(RejectCode.InvalidMarketData, d.Reason);
        Assert.Equal(reference, f.Reference(EsZ));
        Assert.Equal(now, f.Engine.Now);
    }

    [Fact]
    public void OnMarketPrice_TradePrint_AcceptedPriceUnchangedTimeAdvances()
    {
        var f = new EngineFixture();
        var later = f.Engine.Now + Second;
        var reference = f.Reference(EsZ);

        Ok(f.Engine.OnMarketPrice(f.Seq(), later, EsZ, P(9000), setsReference: false));

        Assert.Equal(reference, f.Reference(EsZ));
        Assert.Equal(later, f.Engine.Now);
        Ok(f.Engine.OnMarketPrice(f.Seq(), later, EsZ, P(5100), setsReference: true));
        Assert.Equal(P(5100) * 1e-9, f.Reference(EsZ)); // the control: a mark does move it
    }

    [Fact]
    public void OnMarketPrice_Option_InvalidMarketData()
    {
        var f = new EngineFixture();
        var reference = f.Reference(f.EsCalls[2]);

        Assert.Equal(RejectCode.InvalidMarketData, f.Engine.OnMarketPrice(f.Seq(), 0, f.EsCalls[2], P(200)).Reason);
        Assert.Equal(reference, f.Reference(f.EsCalls[2]));
    }

    [Fact]
    public void OnInstrumentDefinition_ResentStrikeDifferingBelowDoublePrecision_Rejected()
    {
        // Strikes 10^16 and 10^16 + 1 (PRICE9) are the same double: the comparison must use the wire value.
        var engine = new RiskEngine(new EngineFixture().Options);
        const long Strike = 10_000_000_000_000_000;
        var expiry = (long)(0.24 * 365 * 86_400 * 1e9);
        Assert.Equal((double)Strike * 1e-9, (double)(Strike + 1) * 1e-9);
        Ok(engine.OnInstrumentDefinition(1, 10, InstrumentKind.Future, 0, 0, (long)(0.25 * 365 * 86_400 * 1e9), 0, false, 50, P(0.25), TradingState.Active));
        Ok(engine.OnInstrumentDefinition(2, 11, InstrumentKind.Option, 0, 10, expiry, Strike, true, 50, P(0.05), TradingState.Active));

        var differs = engine.OnInstrumentDefinition(3, 11, InstrumentKind.Option, 0, 10, expiry, Strike + 1, true, 50, P(0.05), TradingState.Halted);
        var same = engine.OnInstrumentDefinition(4, 11, InstrumentKind.Option, 0, 10, expiry, Strike, true, 50, P(0.05), TradingState.ReduceOnly);

        Assert.Equal(RejectCode.InvalidReferenceData, differs.Reason);
        Ok(same);
    }

    [Fact]
    public void OnInstrumentDefinition_NullId_InvalidReferenceDataNothingRegistered()
    {
        var engine = new RiskEngine(new EngineFixture().Options);

        var d = engine.OnInstrumentDefinition(1, uint.MaxValue, InstrumentKind.Future, 0, 0, (long)(0.25 * 365 * 86_400 * 1e9), 0, false, 50, P(0.25), TradingState.Active);

        Assert.Equal(RejectCode.InvalidReferenceData, d.Reason);
        Assert.Equal(0, engine.Instruments.Count);
    }

    [Fact]
    public void OnAccountLimits_NullIdOrNegativeOverride_InvalidReferenceDataTimeUnchanged()
    {
        var f = new EngineFixture();
        var now = f.Engine.Now;
        var bad = OrderLimits.UseDefaults;
        bad.MaxOrderQuantity = -7;

        var negative = f.Engine.OnAccountLimits(f.Seq(), now + Second, 1, true, bad);
        var nullId = f.Engine.OnAccountLimits(f.Seq(), now + Second, uint.MaxValue, true, OrderLimits.UseDefaults);

        Assert.Equal(RejectCode.InvalidReferenceData, negative.Reason);
        Assert.Equal(RejectCode.InvalidReferenceData, nullId.Reason);
        Assert.Equal(-1, f.Engine.AccountIndex(uint.MaxValue));
        Assert.Equal(-1, f.Engine.AccountOverrides(f.Engine.AccountIndex(1)).MaxOrderQuantity);
        Assert.Equal(now, f.Engine.Now);
    }

    [Fact]
    public void OnScopedAccountLimits_Invalid_RejectedTimeUnchanged()
    {
        var f = new EngineFixture();
        var now = f.Engine.Now;
        var bad = OrderLimits.UseDefaults;
        bad.MaxPosition = -7;
        var good = OrderLimits.UseDefaults;
        good.MaxPosition = 7;

        var negative = f.Engine.OnScopedAccountLimits(f.Seq(), now + Second, 1, 0, uint.MaxValue, in bad);
        var unknownGroup = f.Engine.OnScopedAccountLimits(f.Seq(), now + Second, 1, 9, uint.MaxValue, in good);

        Assert.Equal(RejectCode.InvalidReferenceData, negative.Reason);
        Assert.Equal(RejectCode.InvalidReferenceData, unknownGroup.Reason);
        Assert.Equal(now, f.Engine.Now);
        Assert.Equal(0, f.Engine.ScopedLimits.Count);
        Ok(f.Engine.OnScopedAccountLimits(f.Seq(), now + Second, 1, 0, uint.MaxValue, in good));
        Assert.Equal(now + Second, f.Engine.Now); // the control: a stored scope stamps time
    }

    [Theory]
    [InlineData(-1L, -1.0, -1L, -1, true)] // why: every field exactly "unset"
    [InlineData(0L, 0.0, 0L, 0, true)] // why: hard zeros are limits
    [InlineData(-2L, -1.0, -1L, -1, false)] // why: only -1 means unset
    [InlineData(-1L, -0.0001, -1L, -1, false)] // why: a notional just below zero is no sentinel
    [InlineData(-1L, -1.0, -7L, -1, false)] // why: the audit's position limit
    [InlineData(-1L, -1.0, -1L, -2, false)] // why: working orders likewise
    public void IsValidOverride_NegativeOtherThanUnset_Refused(long quantity, double notional, long position, int working, bool valid)
    {
        var limits = OrderLimits.UseDefaults;
        limits.MaxOrderQuantity = quantity;
        limits.MaxNotional = notional;
        limits.MaxPosition = position;
        limits.MaxWorkingOrders = working;

        Assert.Equal(valid, limits.IsValidOverride(throttleCapacity: 256));
    }

    [Theory]
    [InlineData(-0.5, false)] // why: a negative collar is no sentinel
    [InlineData(double.NaN, true)] // why: NaN is the collar's unset value
    [InlineData(-1.0, true)] // why: so is -1, as for every other field
    [InlineData(double.PositiveInfinity, false)] // why: not a usable fraction
    public void IsValidOverride_CollarFraction(double fraction, bool valid)
    {
        var limits = OrderLimits.UseDefaults;
        limits.CollarFraction = fraction;

        Assert.Equal(valid, limits.IsValidOverride(throttleCapacity: 256));
    }

    [Fact]
    public void GroupDefaults_WorkingOrdersAndThrottles_SmallestOverGroupsApplies()
    {
        var f = new EngineFixture();
        var defaults = DefaultLimits;
        defaults.MaxWorkingOrders = 1;
        defaults.MaxCancelsPerWindow = 1;

        Ok(f.Engine.OnRiskParameters(f.Seq(), 1, defaults)); // group 1 (NQ): the account-wide default is the strictest

        Ok(f.New(1, EsZ, 1, OrderSide.Buy, 1, 5000));
        Assert.Equal(RejectCode.MaxWorkingOrdersExceeded, f.New(1, EsZ, 2, OrderSide.Buy, 1, 4999.75).Reason);
        Ok(f.Cancel(1, 1));
        Assert.Equal(RejectCode.ThrottleExceeded, f.Cancel(1, 99).Reason); // why: one cancel per window
        Ok(f.Engine.OnRiskParameters(f.Seq(), 1, DefaultLimits)); // back to 50 working orders and 60 cancels
        Ok(f.New(1, EsZ, 3, OrderSide.Buy, 1, 5000));
        Ok(f.New(1, EsZ, 4, OrderSide.Buy, 1, 4999.75));
    }

    [Fact]
    public void OnVolSmile_NullSmile_InvalidReferenceData()
    {
        var f = new EngineFixture();

        Assert.Equal(RejectCode.InvalidReferenceData, f.Engine.OnVolSmile(f.Seq(), 0, EsZ, null).Reason);
        Assert.Equal(RejectCode.InvalidReferenceData, f.Engine.OnVolSmile(f.Seq(), 0, f.EsCalls[0], new RiskGate.Engine.Pricing.FlatSmile(0.2, 0.24)).Reason);
    }

    [Theory]
    [InlineData(ControlScope.Account, (TradingState)0)] // why: the null state
    [InlineData(ControlScope.Account, (TradingState)4)] // why: not a state
    [InlineData((ControlScope)0, TradingState.Halted)] // why: the null scope
    [InlineData(ControlScope.ProductGroup, TradingState.Halted)] // why: group -1 is no group
    public void OnTradingControl_InvalidField_InvalidReferenceDataTimeUnchanged(ControlScope scope, TradingState state)
    {
        var f = new EngineFixture();
        var now = f.Engine.Now;

        var d = f.Engine.OnTradingControl(f.Seq(), now + Second, scope, 1, -1, state, true);

        Assert.Equal(RejectCode.InvalidReferenceData, d.Reason);
        Assert.Equal(now, f.Engine.Now);
        Assert.Equal(TradingState.Active, f.Engine.AccountState(f.Engine.AccountIndex(1)));
    }
}
