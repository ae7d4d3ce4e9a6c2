using RiskGate.Host.Simulate;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Host.Tests.Simulate;

public sealed class SessionGeneratorTests
{
    [Fact]
    public void Generate_SameSeed_IdenticalMessages()
    {
        var a = SessionGenerator.Generate(7, 200, 20_000);
        var b = SessionGenerator.Generate(7, 200, 20_000);

        Assert.Equal(a.Count, b.Count);
        Assert.Equal(a.Kinds, b.Kinds);
        var end = a.Offsets[a.Count - 1] + a.Lengths[a.Count - 1];
        Assert.True(a.Buffer.AsSpan(0, end).SequenceEqual(b.Buffer.AsSpan(0, end)));
    }

    [Fact]
    public void Generate_DifferentSeed_DifferentMessages()
    {
        var a = SessionGenerator.Generate(7, 200, 20_000);
        var b = SessionGenerator.Generate(8, 200, 20_000);

        var end = Math.Min(a.Offsets[a.Count - 1], b.Offsets[b.Count - 1]);
        Assert.False(a.Buffer.AsSpan(0, end).SequenceEqual(b.Buffer.AsSpan(0, end)));
    }

    [Fact]
    public void Generate_SmallSession_ContainsEveryKindAndOnlyValidMessages()
    {
        var s = SessionGenerator.Generate(42, 500, 200_000);

        Assert.Equal(200_000, s.Count);
        foreach (var kind in Enum.GetValues<SessionMessageKind>())
        {
            Assert.True(s.CountOf(kind) > 0, "no " + kind + " message");
        }

        for (var i = 0; i < s.Count; i++)
        {
            var message = s.Message(i);
            Assert.Equal(FrameStatus.Ok, MessageDispatch.Validate(message, out var length));
            Assert.Equal(message.Length, length);
            Assert.True(MessageDispatch.IsInline(MessageDispatch.TryReadMessageType(message, out var type) ? type : MessageType.None));
        }
    }

    [Fact]
    public void Generate_Accounts_SetUpFirstWithEveryStyle()
    {
        var s = SessionGenerator.Generate(42, 1_000, 10_000);

        Assert.Equal(2_000, s.SetupCount);
        for (var i = 0; i < s.SetupCount; i++)
        {
            Assert.True(s.Kinds[i] is SessionMessageKind.AccountSetup or SessionMessageKind.Collateral);
        }

        foreach (var style in Enum.GetValues<AccountStyle>())
        {
            Assert.Contains(style, s.Styles);
        }
    }

    [Fact]
    public void Generate_OrderFlow_NewOrdersDominateAndCancelsAreFrequent()
    {
        var s = SessionGenerator.Generate(3, 1_000, 100_000);

        var orders = s.CountOf(SessionMessageKind.NewOrder);
        var cancels = s.CountOf(SessionMessageKind.Cancel);
        Assert.True(orders > s.Count / 4, "new orders: " + orders);
        Assert.True(cancels > orders / 3, "cancels: " + cancels);
    }
}
