using RiskGate.Benchmarks.Protocol;
using RiskGate.Protocol.Messages;

namespace RiskGate.Protocol.Tests.Benchmarks;

/// <summary>Each timed operation of <see cref="CodecBenchmarks"/> succeeds (it throws when it does not) and yields what it should.</summary>
public class CodecBenchmarksTwinTests
{
    private readonly CodecBenchmarks _benchmarks = new();

    public CodecBenchmarksTwinTests()
    {
        _benchmarks.Setup();
    }

    [Fact]
    public void EncodeNewOrder_Runs_ReturnsMessageLength()
    {
        Assert.Equal(NewOrderEncoder.Length, _benchmarks.EncodeNewOrder());
    }

    [Fact]
    public void DecodeNewOrder_Runs_SumsTheRiskFields()
    {
        const long Expected = 1 + 17 + 4_001 + 5 + 4_512_250_000_000 + 1 + 1_790_000_000_000_000_000;
        Assert.Equal(Expected, _benchmarks.DecodeNewOrder());
    }

    [Fact]
    public void EncodeOrderDecision_Runs_ReturnsMessageLength()
    {
        Assert.Equal(OrderDecisionEncoder.Length, _benchmarks.EncodeOrderDecision());
    }

    [Fact]
    public void DecodeOrderDecision_Runs_ReadsEveryField()
    {
        Assert.NotEqual(0, _benchmarks.DecodeOrderDecision());
    }

    [Fact]
    public void DispatchNewOrder_Runs_ReturnsQuantity()
    {
        Assert.Equal(5, _benchmarks.DispatchNewOrder());
    }
}
