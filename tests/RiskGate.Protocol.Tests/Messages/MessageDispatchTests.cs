using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;
using RiskGate.Protocol.Tests.Support;

namespace RiskGate.Protocol.Tests.Messages;

public class MessageDispatchTests
{
    [Theory]
    [MemberData(nameof(MessageSamples.Names), MemberType = typeof(MessageSamples))]
    public void Validate_EverySample_OkWithItsLength(string name)
    {
        var sample = MessageSamples.Get(name);
        var message = sample.Full();
        Assert.Equal(FrameStatus.Ok, MessageDispatch.Validate(message, out var encodedLength));
        Assert.Equal(message.Length, encodedLength);
        Assert.True(MessageDispatch.TryReadMessageType(message, out var type));
        Assert.Equal(sample.Type, type);
        Assert.True(MessageDispatch.IsKnown(type));
        Assert.NotEqual(0UL, MessageSamples.ReadAll(message));
    }

    [Theory]
    [InlineData(0)] // why: MessageType.None is not a message
    [InlineData(14)] // why: a gap between the order path and the controls
    [InlineData(102)] // why: just past the last outbound template
    public void Validate_UnknownTemplate_ReturnsUnknownTemplate(int templateId)
    {
        var message = new byte[64];
        MessageHeader.Write(message, 56, (ushort)templateId);
        Assert.Equal(FrameStatus.UnknownTemplate, MessageDispatch.Validate(message, out var encodedLength));
        Assert.Equal(0, encodedLength);
        Assert.False(MessageDispatch.IsKnown((MessageType)templateId));
    }

    [Fact]
    public void TryReadMessageType_ShorterThanHeader_False()
    {
        Assert.False(MessageDispatch.TryReadMessageType(new byte[7], out var type));
        Assert.Equal(MessageType.None, type);
    }

    [Fact]
    public void MessageType_EveryValue_IsKnownAndHasASample()
    {
        var known = Enum.GetValues<MessageType>().Where(t => t != MessageType.None).ToArray();
        Assert.All(known, t => Assert.True(MessageDispatch.IsKnown(t)));
        Assert.Equal(known.OrderBy(t => t), MessageSamples.All.Select(s => s.Type).OrderBy(t => t));
    }

    [Theory]
    [InlineData("NewOrder", true)] // why: order path
    [InlineData("CancelOrder", true)] // why: order path
    [InlineData("ReplaceOrder", true)] // why: order path
    [InlineData("Fill", true)] // why: order path
    [InlineData("MarketPrice", true)] // why: market data travels through the ring inline
    [InlineData("AccountCollateral", true)] // why: admin travels inline
    [InlineData("AccountLimits", true)] // why: admin travels inline
    [InlineData("TradingControl", true)] // why: kill switch travels inline
    [InlineData("Heartbeat", true)] // why: time travels inline
    [InlineData("InstrumentDefinition", false)] // why: reference data may be larger
    [InlineData("RiskParameters", false)] // why: reference data with a group
    [InlineData("VolSurface", false)] // why: reference data with a group
    [InlineData("OrderDecision", false)] // why: outbound
    [InlineData("AccountAlert", false)] // why: outbound
    public void IsInline_InlineMessages_FitTheRingSlot(string name, bool inline)
    {
        var sample = MessageSamples.Get(name);
        Assert.Equal(inline, MessageDispatch.IsInline(sample.Type));
        if (inline)
        {
            Assert.True(sample.Full().Length <= ProtocolInfo.MaxInlineMessageLength, $"{name} is {sample.Full().Length} bytes");
        }
    }

    [Fact]
    public void MaxInlineMessageLength_Is96()
    {
        Assert.Equal(96, ProtocolInfo.MaxInlineMessageLength);
        Assert.True(OrderDecisionEncoder.Length <= ProtocolInfo.MaxInlineMessageLength); // why: kept compact on purpose
    }

    [Theory]
    [InlineData("NewOrder", "AccountId", 4)] // why: NewOrder account
    [InlineData("NewOrder", "InstrumentId", 4)] // why: NewOrder instrument
    [InlineData("NewOrder", "Side", 1)] // why: NewOrder side
    [InlineData("NewOrder", "Quantity", 8)] // why: NewOrder quantity
    [InlineData("NewOrder", "Price", 8)] // why: NewOrder price
    [InlineData("NewOrder", "ClientOrderId", 8)] // why: NewOrder client order id
    [InlineData("ReplaceOrder", "AccountId", 4)] // why: ReplaceOrder account
    [InlineData("ReplaceOrder", "InstrumentId", 4)] // why: ReplaceOrder instrument
    [InlineData("ReplaceOrder", "Side", 1)] // why: ReplaceOrder side
    [InlineData("ReplaceOrder", "Quantity", 8)] // why: ReplaceOrder new quantity
    [InlineData("ReplaceOrder", "Price", 8)] // why: ReplaceOrder new price
    [InlineData("ReplaceOrder", "ClientOrderId", 8)] // why: ReplaceOrder new client order id
    [InlineData("ReplaceOrder", "OriginalClientOrderId", 8)] // why: ReplaceOrder order being replaced
    [InlineData("CancelOrder", "AccountId", 4)] // why: CancelOrder account
    [InlineData("CancelOrder", "InstrumentId", 4)] // why: CancelOrder instrument
    [InlineData("CancelOrder", "OriginalClientOrderId", 8)] // why: CancelOrder order being cancelled
    [InlineData("Fill", "AccountId", 4)] // why: Fill account
    [InlineData("Fill", "InstrumentId", 4)] // why: Fill instrument
    [InlineData("Fill", "Side", 1)] // why: Fill side
    [InlineData("Fill", "Quantity", 8)] // why: Fill fill quantity
    [InlineData("Fill", "Price", 8)] // why: Fill fill price
    [InlineData("Fill", "ClientOrderId", 8)] // why: Fill filled order
    public void RiskCheckFields_LieInTheFirst64BytesOfTheMessage(string message, string field, int size)
    {
        var decoder = typeof(MessageHeader).Assembly.GetType($"RiskGate.Protocol.Messages.{message}Decoder", throwOnError: true)!;
        var offset = (int)decoder.GetField(field + "Offset")!.GetRawConstantValue()!;
        Assert.True(MessageHeader.Length + offset + size <= 64, $"{message}.{field} ends at message offset {MessageHeader.Length + offset + size}");
    }
}
