using RiskGate.Benchmarks.Protocol;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Protocol.Tests.Benchmarks;

/// <summary>Each timed operation of <see cref="FrameReaderBenchmarks"/> reads the whole frame.</summary>
public class FrameReaderBenchmarksTwinTests
{
    private readonly FrameReaderBenchmarks _benchmarks = new();

    public FrameReaderBenchmarksTwinTests()
    {
        _benchmarks.Setup();
    }

    [Fact]
    public void ReadSpan_Runs_ConsumesTheFrame()
    {
        Assert.Equal(FramingHeader.Length + (2 * NewOrderEncoder.Length), _benchmarks.ReadSpan());
    }

    [Fact]
    public void ReadSingleSegment_Runs_ConsumesTheFrame()
    {
        Assert.Equal(FramingHeader.Length + (2 * NewOrderEncoder.Length), _benchmarks.ReadSingleSegment());
    }

    [Fact]
    public void ReadSplitSegments_Runs_ReadsTheCopiedMessage()
    {
        // The position is inside the second segment: (frame − first segment) + message length.
        const int Frame = FramingHeader.Length + NewOrderEncoder.Length;
        Assert.Equal(Frame - (Frame / 2) + NewOrderEncoder.Length, _benchmarks.ReadSplitSegments());
    }

    [Fact]
    public void WriteOrderDecisionFrame_Runs_WritesOneFrame()
    {
        Assert.Equal(FramingHeader.Length + OrderDecisionEncoder.Length, new FrameWriterBenchmarks().WriteOrderDecisionFrame());
    }
}
