using RiskGate.Host.Simulate;

namespace RiskGate.Host.Tests.Simulate;

public sealed class DecisionHashTests
{
    [Fact]
    public void Add_SameDecisions_SameHash()
    {
        var a = default(DecisionHash);
        var b = default(DecisionHash);
        a.Add(1, true, 0, 100.5);
        b.Add(1, true, 0, 100.5);

        Assert.Equal(a.Value, b.Value);
    }

    [Theory]
    [InlineData(2, true, 0, 100.5)] // another sequence
    [InlineData(1, false, 0, 100.5)] // another status
    [InlineData(1, true, 60, 100.5)] // another reason
    [InlineData(1, true, 0, 100.25)] // another margin
    public void Add_AnyFieldDiffers_HashDiffers(long sequence, bool accepted, int reason, double initial)
    {
        var a = default(DecisionHash);
        var b = default(DecisionHash);
        a.Add(1, true, 0, 100.5);
        b.Add(sequence, accepted, reason, initial);

        Assert.NotEqual(a.Value, b.Value);
    }

    [Fact]
    public void Add_OrderSwapped_HashDiffers()
    {
        var a = default(DecisionHash);
        var b = default(DecisionHash);
        a.Add(1, true, 0, 1);
        a.Add(2, false, 60, 2);
        b.Add(2, false, 60, 2);
        b.Add(1, true, 0, 1);

        Assert.NotEqual(a.Value, b.Value);
    }
}
