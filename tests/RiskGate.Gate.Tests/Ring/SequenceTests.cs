using RiskGate.Gate.Ring;

namespace RiskGate.Gate.Tests.Ring;

public class SequenceTests
{
    [Fact]
    public void Constructor_Default_IsMinusOne()
    {
        Assert.Equal(-1, new Sequence().Value);
        Assert.Equal(Sequence.InitialValue, new Sequence().Value);
        Assert.Equal(41, new Sequence(41).Value);
    }

    [Fact]
    public void CompareAndSet_ExpectedMismatch_LeavesValue()
    {
        var sequence = new Sequence(5);

        Assert.False(sequence.CompareAndSet(4, 9));
        Assert.Equal(5, sequence.Value);
        Assert.True(sequence.CompareAndSet(5, 9));
        Assert.Equal(9, sequence.Value);
    }

    [Fact]
    public void AddAndGet_ConcurrentIncrements_NoneLost()
    {
        var sequence = new Sequence(0);
        var threads = new Thread[2];
        for (var t = 0; t < threads.Length; t++)
        {
            threads[t] = new Thread(() =>
            {
                for (var i = 0; i < 100_000; i++)
                {
                    sequence.AddAndGet(1);
                }
            });
            threads[t].Start();
        }

        foreach (var thread in threads)
        {
            Assert.True(thread.Join(TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(200_000, sequence.Value);
    }

    [Theory]
    [InlineData(new long[] { }, 7, 7)] // nothing to compare: the bound
    [InlineData(new long[] { 3, 9, 5 }, 100, 3)] // smallest sequence
    [InlineData(new long[] { 3, 9, 5 }, 2, 2)] // bound below every sequence
    [InlineData(new long[] { -1, 4 }, 10, -1)] // a consumer that has not started holds everything
    public void Min_ReturnsSmallestOfSequencesAndBound(long[] values, long bound, long expected)
    {
        var sequences = values.Select(v => new Sequence(v)).ToArray();
        Assert.Equal(expected, Sequence.Min(sequences, bound));
    }
}
