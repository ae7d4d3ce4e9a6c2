using RiskGate.Protocol.Enums;

namespace RiskGate.Protocol.Tests.Enums;

public class WireEnumsTests
{
    [Fact]
    public void IsValid_DefinedNonNullMembers_True()
    {
        Assert.All(Enum.GetValues<Side>(), v => Assert.Equal(v != Side.None, WireEnums.IsValid(v)));
        Assert.All(Enum.GetValues<OrderType>(), v => Assert.Equal(v != OrderType.None, WireEnums.IsValid(v)));
        Assert.All(Enum.GetValues<TimeInForce>(), v => Assert.Equal(v != TimeInForce.None, WireEnums.IsValid(v)));
        Assert.All(Enum.GetValues<InstrumentKind>(), v => Assert.Equal(v != InstrumentKind.None, WireEnums.IsValid(v)));
        Assert.All(Enum.GetValues<PutCall>(), v => Assert.Equal(v != PutCall.None, WireEnums.IsValid(v)));
        Assert.All(Enum.GetValues<TradingState>(), v => Assert.Equal(v != TradingState.None, WireEnums.IsValid(v)));
        Assert.All(Enum.GetValues<AlertKind>(), v => Assert.Equal(v != AlertKind.None, WireEnums.IsValid(v)));
        Assert.All(Enum.GetValues<CollateralAction>(), v => Assert.Equal(v != CollateralAction.None, WireEnums.IsValid(v)));
        Assert.All(Enum.GetValues<ControlScope>(), v => Assert.Equal(v != ControlScope.None, WireEnums.IsValid(v)));
        Assert.All(Enum.GetValues<DecisionStatus>(), v => Assert.Equal(v != DecisionStatus.None, WireEnums.IsValid(v)));
        Assert.All(Enum.GetValues<MarginMethodology>(), v => Assert.Equal(v != MarginMethodology.None, WireEnums.IsValid(v)));
        Assert.All(Enum.GetValues<ScanRangeKind>(), v => Assert.Equal(v != ScanRangeKind.None, WireEnums.IsValid(v)));
        Assert.All(Enum.GetValues<SurfaceForm>(), v => Assert.Equal(v != SurfaceForm.None, WireEnums.IsValid(v)));
        Assert.All(Enum.GetValues<MarketPriceType>(), v => Assert.Equal(v != MarketPriceType.None, WireEnums.IsValid(v)));
        Assert.All(Enum.GetValues<BooleanType>(), v => Assert.True(WireEnums.IsValid(v)));
        Assert.All(Enum.GetValues<RejectReason>(), v => Assert.True(WireEnums.IsValid(v)));
    }

    [Fact]
    public void IsValid_EveryUndefinedByte_False()
    {
        for (var b = 0; b <= byte.MaxValue; b++)
        {
            // why: each enum must reject exactly the bytes that are not defined members
            Assert.Equal(Enum.IsDefined((Side)b) && b != 0, WireEnums.IsValid((Side)b));
            Assert.Equal(Enum.IsDefined((TimeInForce)b) && b != 0, WireEnums.IsValid((TimeInForce)b));
            Assert.Equal(Enum.IsDefined((TradingState)b) && b != 0, WireEnums.IsValid((TradingState)b));
            Assert.Equal(Enum.IsDefined((ControlScope)b) && b != 0, WireEnums.IsValid((ControlScope)b));
            Assert.Equal(Enum.IsDefined((BooleanType)b), WireEnums.IsValid((BooleanType)b));
            Assert.Equal(b < 8, WireEnums.IsValid((FillAttributes)b));
        }
    }

    [Fact]
    public void IsValid_UndefinedRejectReason_False()
    {
        for (var v = 0; v <= 200; v++)
        {
            Assert.Equal(Enum.IsDefined((RejectReason)v), WireEnums.IsValid((RejectReason)v));
        }

        Assert.False(WireEnums.IsValid((RejectReason)ushort.MaxValue));
    }

    [Fact]
    public void RejectReason_Numbers_DistinctAndNoneIsZero()
    {
        var values = Enum.GetValues<RejectReason>().Select(v => (int)v).ToArray();
        Assert.Equal(values.Length, values.Distinct().Count());
        Assert.Equal(0, (int)RejectReason.None);
        Assert.True(values.Length >= 36);
    }
}
