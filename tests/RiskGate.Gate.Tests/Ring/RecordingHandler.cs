using System.Collections.Concurrent;
using RiskGate.Gate.Ring;

namespace RiskGate.Gate.Tests.Ring;

/// <summary>Records what it sees (into shared collections) and throws for chosen sequences.</summary>
internal struct RecordingHandler : IStageHandler<long>
{
    public RecordingHandler()
        : this(-1, 0)
    {
    }

    public RecordingHandler(long throwAt = -1, long throwEvery = 0)
    {
        ThrowAt = throwAt;
        ThrowEvery = throwEvery;
    }

    public long ThrowAt { get; }

    public long ThrowEvery { get; }

    public ConcurrentQueue<long> Seen { get; } = new();

    public ConcurrentQueue<long> BatchEnds { get; } = new();

    public void OnLookahead(ref long ahead, long sequence)
    {
    }

    public void OnEvent(ref long slot, long sequence, bool endOfBatch)
    {
        if (endOfBatch)
        {
            BatchEnds.Enqueue(sequence);
        }

        if (sequence == ThrowAt || (ThrowEvery > 0 && sequence % ThrowEvery == 0))
        {
            throw new InvalidOperationException("handler failed at " + sequence);
        }

        Seen.Enqueue(slot);
    }
}
