using RiskGate.Protocol.Messages;

namespace RiskGate.Protocol.Tests.Support;

/// <summary>Encodes a sample message into the buffer and returns its length.</summary>
public delegate int SampleEncoder(Span<byte> buffer);

/// <summary>One message of the schema with its sample encoders and checks.</summary>
public sealed record MessageSample(
    string Name,
    MessageType Type,
    int BlockLength,
    SampleEncoder EncodeFull,
    SampleEncoder EncodeRequiredOnly,
    MessageCheck AssertFull,
    MessageCheck AssertNulls)
{
    public byte[] Full()
    {
        var buffer = new byte[4096];
        return buffer.AsSpan(0, EncodeFull(buffer)).ToArray();
    }

    public override string ToString() => Name;
}

/// <summary>Every message of the schema, for tests that cover them all.</summary>
public static class MessageSamples
{
    public static IReadOnlyList<MessageSample> All { get; } =
    [
        new("InstrumentDefinition", MessageType.InstrumentDefinition, InstrumentDefinitionDecoder.BlockLength, InstrumentDefinitionSamples.EncodeFull, InstrumentDefinitionSamples.EncodeRequiredOnly, InstrumentDefinitionSamples.AssertFull, InstrumentDefinitionSamples.AssertNulls),
        new("RiskParameters", MessageType.RiskParameters, RiskParametersDecoder.BlockLength, RiskParametersSamples.EncodeFull, RiskParametersSamples.EncodeRequiredOnly, RiskParametersSamples.AssertFull, RiskParametersSamples.AssertNulls),
        new("VolSurface", MessageType.VolSurface, VolSurfaceDecoder.BlockLength, VolSurfaceSamples.EncodeFull, VolSurfaceSamples.EncodeRequiredOnly, VolSurfaceSamples.AssertFull, VolSurfaceSamples.AssertNulls),
        new("MarketPrice", MessageType.MarketPrice, MarketPriceDecoder.BlockLength, MarketPriceSamples.EncodeFull, MarketPriceSamples.EncodeRequiredOnly, MarketPriceSamples.AssertFull, MarketPriceSamples.AssertNulls),
        new("AccountCollateral", MessageType.AccountCollateral, AccountCollateralDecoder.BlockLength, AccountCollateralSamples.EncodeFull, AccountCollateralSamples.EncodeRequiredOnly, AccountCollateralSamples.AssertFull, AccountCollateralSamples.AssertNulls),
        new("AccountLimits", MessageType.AccountLimits, AccountLimitsDecoder.BlockLength, AccountLimitsSamples.EncodeFull, AccountLimitsSamples.EncodeRequiredOnly, AccountLimitsSamples.AssertFull, AccountLimitsSamples.AssertNulls),
        new("NewOrder", MessageType.NewOrder, NewOrderDecoder.BlockLength, NewOrderSamples.EncodeFull, NewOrderSamples.EncodeRequiredOnly, NewOrderSamples.AssertFull, NewOrderSamples.AssertNulls),
        new("CancelOrder", MessageType.CancelOrder, CancelOrderDecoder.BlockLength, CancelOrderSamples.EncodeFull, CancelOrderSamples.EncodeRequiredOnly, CancelOrderSamples.AssertFull, CancelOrderSamples.AssertNulls),
        new("ReplaceOrder", MessageType.ReplaceOrder, ReplaceOrderDecoder.BlockLength, ReplaceOrderSamples.EncodeFull, ReplaceOrderSamples.EncodeRequiredOnly, ReplaceOrderSamples.AssertFull, ReplaceOrderSamples.AssertNulls),
        new("Fill", MessageType.Fill, FillDecoder.BlockLength, FillSamples.EncodeFull, FillSamples.EncodeRequiredOnly, FillSamples.AssertFull, FillSamples.AssertNulls),
        new("TradingControl", MessageType.TradingControl, TradingControlDecoder.BlockLength, TradingControlSamples.EncodeFull, TradingControlSamples.EncodeRequiredOnly, TradingControlSamples.AssertFull, TradingControlSamples.AssertNulls),
        new("Heartbeat", MessageType.Heartbeat, HeartbeatDecoder.BlockLength, HeartbeatSamples.EncodeFull, HeartbeatSamples.EncodeRequiredOnly, HeartbeatSamples.AssertFull, HeartbeatSamples.AssertNulls),
        new("OrderDecision", MessageType.OrderDecision, OrderDecisionDecoder.BlockLength, OrderDecisionSamples.EncodeFull, OrderDecisionSamples.EncodeRequiredOnly, OrderDecisionSamples.AssertFull, OrderDecisionSamples.AssertNulls),
        new("AccountAlert", MessageType.AccountAlert, AccountAlertDecoder.BlockLength, AccountAlertSamples.EncodeFull, AccountAlertSamples.EncodeRequiredOnly, AccountAlertSamples.AssertFull, AccountAlertSamples.AssertNulls),
    ];

    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var sample in All)
            {
                data.Add(sample.Name);
            }

            return data;
        }
    }

    public static MessageSample Get(string name) => All.Single(s => s.Name == name);

    /// <summary>Reads every field of whatever valid message this is into a hash, without allocating; 0 when unknown or invalid.</summary>
    public static ulong ReadAll(ReadOnlySpan<byte> message)
    {
        if (!MessageDispatch.TryReadMessageType(message, out var type))
        {
            return 0;
        }

        return type switch
        {
            MessageType.InstrumentDefinition => InstrumentDefinitionSamples.ReadAll(message),
            MessageType.RiskParameters => RiskParametersSamples.ReadAll(message),
            MessageType.VolSurface => VolSurfaceSamples.ReadAll(message),
            MessageType.MarketPrice => MarketPriceSamples.ReadAll(message),
            MessageType.AccountCollateral => AccountCollateralSamples.ReadAll(message),
            MessageType.AccountLimits => AccountLimitsSamples.ReadAll(message),
            MessageType.NewOrder => NewOrderSamples.ReadAll(message),
            MessageType.CancelOrder => CancelOrderSamples.ReadAll(message),
            MessageType.ReplaceOrder => ReplaceOrderSamples.ReadAll(message),
            MessageType.Fill => FillSamples.ReadAll(message),
            MessageType.TradingControl => TradingControlSamples.ReadAll(message),
            MessageType.Heartbeat => HeartbeatSamples.ReadAll(message),
            MessageType.OrderDecision => OrderDecisionSamples.ReadAll(message),
            MessageType.AccountAlert => AccountAlertSamples.ReadAll(message),
            _ => 0,
        };
    }
}
