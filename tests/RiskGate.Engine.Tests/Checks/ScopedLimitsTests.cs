using RiskGate.Engine.Checks;
using RiskGate.Engine.State;

namespace RiskGate.Engine.Tests.Checks;

/// <summary>
/// Group- and instrument-scoped account limits: precedence instrument &gt; group &gt; account &gt; group
/// default, field by field; bounded table; every refusal leaves the limits as they were.
/// </summary>
public sealed class ScopedLimitsTests
{
    private const uint Account = 1;

    [Fact]
    public void Check_EachPrecedenceLevel_TheNarrowestSetScopeDecides()
    {
        // Group default: 100 (fixture). Account: 80. Group 0 (ES): 60. Instrument ES Z: 30.
        var fx = new EngineFixture(accounts: 2);
        var engine = fx.Engine;
        EngineFixture.Ok(engine.OnAccountLimits(fx.Seq(), 0, Account, true, Quantity(80)));
        EngineFixture.Ok(engine.OnScopedAccountLimits(fx.Seq(), 0, Account, 0, uint.MaxValue, Quantity(60)));
        EngineFixture.Ok(engine.OnScopedAccountLimits(fx.Seq(), 0, Account, -1, EngineFixture.EsZ, Quantity(30)));

        // Instrument scope: ES Z.
        Assert.Equal(RejectCode.MaxOrderQuantityExceeded, fx.New(Account, EngineFixture.EsZ, 1, OrderSide.Buy, 31, 5000).Reason);
        EngineFixture.Ok(fx.New(Account, EngineFixture.EsZ, 2, OrderSide.Buy, 30, 5000));

        // Group scope: ES H (same group, no instrument scope).
        Assert.Equal(RejectCode.MaxOrderQuantityExceeded, fx.New(Account, EngineFixture.EsH, 3, OrderSide.Buy, 61, 5050).Reason);
        EngineFixture.Ok(fx.New(Account, EngineFixture.EsH, 4, OrderSide.Buy, 60, 5050));

        // Account-wide: NQ (group 1 has no scope).
        Assert.Equal(RejectCode.MaxOrderQuantityExceeded, fx.New(Account, EngineFixture.NqZ, 5, OrderSide.Buy, 81, 18000).Reason);
        EngineFixture.Ok(fx.New(Account, EngineFixture.NqZ, 6, OrderSide.Buy, 80, 18000));

        // Group default: account 2 has no override at all.
        Assert.Equal(RejectCode.MaxOrderQuantityExceeded, fx.New(2, EngineFixture.NqZ, 7, OrderSide.Buy, 101, 18000).Reason);
        EngineFixture.Ok(fx.New(2, EngineFixture.EsZ, 8, OrderSide.Buy, 100, 5000));
    }

    [Fact]
    public void Check_InstrumentScopeSetsOneField_OtherFieldsInheritFromGroupScope()
    {
        var fx = new EngineFixture(accounts: 1);
        var engine = fx.Engine;
        EngineFixture.Ok(engine.OnScopedAccountLimits(fx.Seq(), 0, Account, 0, uint.MaxValue, Quantity(20)));
        var position = OrderLimits.UseDefaults;
        position.MaxPosition = 25;
        EngineFixture.Ok(engine.OnScopedAccountLimits(fx.Seq(), 0, Account, -1, EngineFixture.EsZ, position));

        Assert.Equal(RejectCode.MaxOrderQuantityExceeded, fx.New(Account, EngineFixture.EsZ, 1, OrderSide.Buy, 21, 5000).Reason); // group's 20
        EngineFixture.Ok(fx.New(Account, EngineFixture.EsZ, 2, OrderSide.Buy, 20, 5000));
        Assert.Equal(RejectCode.PositionLimitExceeded, fx.New(Account, EngineFixture.EsZ, 3, OrderSide.Buy, 6, 5000).Reason); // 20 working + 6 > 25
        EngineFixture.Ok(fx.New(Account, EngineFixture.EsH, 4, OrderSide.Buy, 20, 5050)); // position 500 (default) on ES H
    }

    [Fact]
    public void OnScopedAccountLimits_ClearedScope_FallsBackToAccountOverride()
    {
        var fx = new EngineFixture(accounts: 1);
        var engine = fx.Engine;
        EngineFixture.Ok(engine.OnAccountLimits(fx.Seq(), 0, Account, true, Quantity(80)));
        EngineFixture.Ok(engine.OnScopedAccountLimits(fx.Seq(), 0, Account, 0, uint.MaxValue, Quantity(10)));
        Assert.Equal(RejectCode.MaxOrderQuantityExceeded, fx.New(Account, EngineFixture.EsZ, 1, OrderSide.Buy, 11, 5000).Reason);

        EngineFixture.Ok(engine.OnScopedAccountLimits(fx.Seq(), 0, Account, 0, uint.MaxValue, OrderLimits.UseDefaults));

        EngineFixture.Ok(fx.New(Account, EngineFixture.EsZ, 2, OrderSide.Buy, 80, 5000));
        Assert.Equal(RejectCode.MaxOrderQuantityExceeded, fx.New(Account, EngineFixture.EsZ, 3, OrderSide.Buy, 81, 5000).Reason);
    }

    [Fact]
    public void OnScopedAccountLimits_TableFull_CapacityExhaustedAndExistingScopesStillUpdate()
    {
        var fx = new EngineFixture(accounts: 2, maxScopedLimits: 2);
        var engine = fx.Engine;
        EngineFixture.Ok(engine.OnScopedAccountLimits(fx.Seq(), 0, Account, 0, uint.MaxValue, Quantity(10)));
        EngineFixture.Ok(engine.OnScopedAccountLimits(fx.Seq(), 0, Account, 1, uint.MaxValue, Quantity(10)));

        var full = engine.OnScopedAccountLimits(fx.Seq(), 0, 2, 0, uint.MaxValue, Quantity(10));

        Assert.Equal(RejectCode.CapacityExhausted, full.Reason);
        Assert.Equal(ReferenceDataError.ScopedLimitCapacity, engine.LastReferenceDataError);
        EngineFixture.Ok(fx.New(2, EngineFixture.EsZ, 1, OrderSide.Buy, 100, 5000)); // account 2 untouched
        EngineFixture.Ok(engine.OnScopedAccountLimits(fx.Seq(), 0, Account, 0, uint.MaxValue, Quantity(12))); // replace: no new entry
        Assert.Equal(2, engine.ScopedLimits.Count);
        EngineFixture.Ok(fx.New(Account, EngineFixture.EsZ, 2, OrderSide.Buy, 12, 5000));
    }

    public static TheoryData<string, RejectCode, ReferenceDataError> BadScopes => new()
    {
        { "unknown-account", RejectCode.UnknownAccount, ReferenceDataError.UnknownAccount },              // account 9 never registered
        { "unknown-instrument", RejectCode.UnknownInstrument, ReferenceDataError.UnknownInstrument },     // instrument 999
        { "unknown-group", RejectCode.InvalidReferenceData, ReferenceDataError.UnknownGroup },            // group 2 of 2
        { "both", RejectCode.InvalidReferenceData, ReferenceDataError.AmbiguousScope },                   // group and instrument
        { "working-orders", RejectCode.InvalidReferenceData, ReferenceDataError.AccountWideField },       // account-wide field
        { "throttle", RejectCode.InvalidReferenceData, ReferenceDataError.AccountWideField },             // account-wide field
        { "bad-value", RejectCode.InvalidReferenceData, ReferenceDataError.Limits },                      // quantity above 10^15
    };

    [Theory]
    [MemberData(nameof(BadScopes))]
    public void OnScopedAccountLimits_BadScope_RejectedWithReasonNothingStored(string row, RejectCode code, ReferenceDataError error)
    {
        var fx = new EngineFixture(accounts: 1);
        var engine = fx.Engine;
        var account = Account;
        var group = 0;
        var instrument = uint.MaxValue;
        var limits = Quantity(5);
        switch (row)
        {
            case "unknown-account": account = 9; break;
            case "unknown-instrument": group = -1; instrument = 999; break;
            case "unknown-group": group = 2; break;
            case "both": instrument = EngineFixture.EsZ; break;
            case "working-orders": limits.MaxWorkingOrders = 3; break;
            case "throttle": limits.MaxOrdersPerWindow = 3; break;
            default: limits.MaxOrderQuantity = OrderLimits.MaxQuantity + 1; break;
        }

        var d = engine.OnScopedAccountLimits(fx.Seq(), 0, account, group, instrument, limits);

        Assert.Equal(code, d.Reason);
        Assert.Equal(error, engine.LastReferenceDataError);
        Assert.Equal(0, engine.ScopedLimits.Count);
        EngineFixture.Ok(fx.New(Account, EngineFixture.EsZ, 1, OrderSide.Buy, 100, 5000));
    }

    [Fact]
    public void Check_WithScopedLimits_AllocatesNothing()
    {
        var fx = new EngineFixture(accounts: 1);
        var engine = fx.Engine;
        EngineFixture.Ok(engine.OnScopedAccountLimits(fx.Seq(), 0, Account, 0, uint.MaxValue, Quantity(60)));
        EngineFixture.Ok(engine.OnScopedAccountLimits(fx.Seq(), 0, Account, -1, EngineFixture.EsZ, Quantity(30)));
        var order = fx.Order(Account, EngineFixture.EsZ, 1, OrderSide.Buy, 31, 5000);
        var rejected = 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 10_000; k++)
        {
            rejected += engine.Check(in order, -1, out _, out _, out _) == RejectCode.MaxOrderQuantityExceeded ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - allocated);
        Assert.Equal(10_000, rejected);
    }

    private static OrderLimits Quantity(long max)
    {
        var limits = OrderLimits.UseDefaults;
        limits.MaxOrderQuantity = max;
        return limits;
    }
}
