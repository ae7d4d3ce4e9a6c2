using System.Collections.Concurrent;
using RiskGate.Gate.Idle;
using RiskGate.Gate.Ring;

namespace RiskGate.Gate.Tests.Ring;

public class BatchEventProcessorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static (RingBuffer<long> Ring, SingleProducerSequencer Sequencer) NewRing(int capacity)
        => (new RingBuffer<long>(capacity), new SingleProducerSequencer(capacity));

    private static void PublishValues(RingBuffer<long> ring, SingleProducerSequencer sequencer, long count)
    {
        var idle = new YieldingIdleStrategy();
        for (long i = 0; i < count; i++)
        {
            var s = sequencer.Claim(ref idle);
            ring[s] = s + 1000;
            sequencer.Publish(s);
        }
    }

    private static void WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            Thread.Sleep(1);
        }
    }

    [Fact]
    public void Run_PublishedEvents_HandledInOrderAndProgressPublished()
    {
        var (ring, sequencer) = NewRing(16);
        var graph = new StageGraph<long>(ring, sequencer);
        var stage = graph.AddStage("p", new RecordingHandler(), new YieldingIdleStrategy());
        graph.Start();

        PublishValues(ring, sequencer, 100);

        Assert.True(graph.Drain(Timeout));
        Assert.Equal(99, stage.Sequence.Value);
        Assert.Equal(Enumerable.Range(1000, 100).Select(i => (long)i), stage.Handler.Seen);
        Assert.False(stage.IsRunning);
        Assert.Null(stage.Fault);
    }

    [Fact]
    public void Run_MaxBatchSize_CapsBatchesAndFlagsEachEnd()
    {
        var (ring, sequencer) = NewRing(64);
        var consumerGate = sequencer.NewBarrier();
        var stage = new BatchEventProcessor<long, RecordingHandler, YieldingIdleStrategy>(
            "p", ring, sequencer, consumerGate, new RecordingHandler(), new YieldingIdleStrategy(), maxBatchSize: 4);
        sequencer.SetGatingSequences(stage.Sequence);
        PublishValues(ring, sequencer, 40); // all published before the processor starts: one big range available

        stage.Start();
        WaitUntil(() => stage.Sequence.Value == 39);
        Assert.True(stage.Halt(Timeout));

        Assert.Equal(new long[] { 3, 7, 11, 15, 19, 23, 27, 31, 35, 39 }, stage.Handler.BatchEnds);
        Assert.Equal(10, stage.BatchCount);
    }

    [Fact]
    public void Run_HandlerThrowsWithContinuePolicy_ReportsAndHandlesTheRest()
    {
        var (ring, sequencer) = NewRing(16);
        var reported = new ConcurrentQueue<(long Sequence, string Name)>();
        var graph = new StageGraph<long>(ring, sequencer);
        var stage = graph.AddStage(
            "risk",
            new RecordingHandler(throwEvery: 10),
            new YieldingIdleStrategy(),
            policy: ExceptionPolicy.ReportAndContinue((ex, s, name) => reported.Enqueue((s, name))));
        graph.Start();

        PublishValues(ring, sequencer, 50);

        Assert.True(graph.Drain(Timeout));
        Assert.Equal(new long[] { 0, 10, 20, 30, 40 }, reported.Select(r => r.Sequence));
        Assert.All(reported, r => Assert.Equal("risk", r.Name));
        Assert.Equal(45, stage.Handler.Seen.Count);
        Assert.DoesNotContain(1010L, stage.Handler.Seen);
        Assert.Equal(49, stage.Sequence.Value);
        Assert.Null(stage.Fault);
    }

    [Fact]
    public void Run_HandlerThrowsWithHaltPolicy_StopsBeforeFailingEventAndKeepsFault()
    {
        var (ring, sequencer) = NewRing(16);
        var reported = new ConcurrentQueue<long>();
        var graph = new StageGraph<long>(ring, sequencer);
        var stage = graph.AddStage(
            "risk",
            new RecordingHandler(throwAt: 7),
            new YieldingIdleStrategy(),
            policy: ExceptionPolicy.ReportAndHalt((ex, s, name) => reported.Enqueue(s)));
        graph.Start();

        PublishValues(ring, sequencer, 12);
        WaitUntil(() => !stage.IsRunning);

        Assert.IsType<InvalidOperationException>(stage.Fault);
        Assert.Equal(7, stage.FaultSequence);
        Assert.Equal(6, stage.Sequence.Value); // progress stays before the failing event: nothing is lost
        Assert.Equal(new long[] { 7 }, reported);
        Assert.Equal(7, stage.Handler.Seen.Count);
        Assert.False(graph.Drain(TimeSpan.FromSeconds(5))); // a faulted graph does not claim to be drained
    }

    [Fact]
    public void Run_ExceptionPolicyItselfThrows_HaltsWithBothExceptions()
    {
        var (ring, sequencer) = NewRing(16);
        var graph = new StageGraph<long>(ring, sequencer);
        var stage = graph.AddStage(
            "risk",
            new RecordingHandler(throwAt: 2),
            new YieldingIdleStrategy(),
            policy: ExceptionPolicy.ReportAndContinue((ex, s, name) => throw new InvalidCastException("logger broke")));
        graph.Start();

        PublishValues(ring, sequencer, 5);
        WaitUntil(() => !stage.IsRunning);

        var fault = Assert.IsType<AggregateException>(stage.Fault);
        Assert.Contains(fault.InnerExceptions, e => e is InvalidOperationException);
        Assert.Contains(fault.InnerExceptions, e => e is InvalidCastException);
        Assert.Equal(1, stage.Sequence.Value);
        Assert.True(graph.Halt(Timeout));
    }

    [Fact]
    public void Start_Twice_Throws()
    {
        var (ring, sequencer) = NewRing(4);
        var stage = new BatchEventProcessor<long, RecordingHandler, YieldingIdleStrategy>(
            "p", ring, sequencer, sequencer.NewBarrier(), new RecordingHandler(), new YieldingIdleStrategy());
        stage.Start();
        Assert.Throws<InvalidOperationException>(stage.Start);
        Assert.True(stage.Halt(Timeout));
    }

    [Fact]
    public void Halt_WaitingWithBlockingStrategy_WakesAndEnds()
    {
        var (ring, sequencer) = NewRing(4);
        var stage = new BatchEventProcessor<long, RecordingHandler, BlockingIdleStrategy>(
            "p", ring, sequencer, sequencer.NewBarrier(), new RecordingHandler(), new BlockingIdleStrategy(sequencer.Signal, 0));
        stage.Start();
        WaitUntil(() => sequencer.Signal.HasWaiters);

        Assert.True(stage.Halt(Timeout));
        Assert.False(stage.IsRunning);
    }

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        var (ring, sequencer) = NewRing(4);
        var barrier = sequencer.NewBarrier();
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchEventProcessor<long, RecordingHandler, YieldingIdleStrategy>(
            "p", ring, sequencer, barrier, new RecordingHandler(), new YieldingIdleStrategy(), maxBatchSize: -1));
        Assert.Throws<ArgumentException>(() => new BatchEventProcessor<long, RecordingHandler, YieldingIdleStrategy>(
            "p", ring, new SingleProducerSequencer(8), barrier, new RecordingHandler(), new YieldingIdleStrategy()));
        Assert.ThrowsAny<ArgumentException>(() => new BatchEventProcessor<long, RecordingHandler, YieldingIdleStrategy>(
            " ", ring, sequencer, barrier, new RecordingHandler(), new YieldingIdleStrategy()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchEventProcessor<long, RecordingHandler, YieldingIdleStrategy>(
            "p", ring, sequencer, barrier, new RecordingHandler(), new YieldingIdleStrategy(), coalescePauses: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchEventProcessor<long, RecordingHandler, YieldingIdleStrategy>(
            "p", ring, sequencer, barrier, new RecordingHandler(), new YieldingIdleStrategy(), coalescePauses: BatchCoalescing.MaxPauses + 1));
    }
    [Fact]
    public void Run_Lookahead_TwoAheadPublishedInBatchAndConsecutive()
    {
        var (ring, sequencer) = NewRing(64);
        var graph = new StageGraph<long>(ring, sequencer);
        var stage = graph.AddStage("p", new LookaheadHandler(), new YieldingIdleStrategy());
        graph.Start();

        // Bursts and single events, so batches of every size occur.
        var idle = new YieldingIdleStrategy();
        for (long i = 0; i < 20_000; i++)
        {
            var s = sequencer.Claim(ref idle);
            ring[s] = s + 1000;
            sequencer.Publish(s);
            if (i % 97 == 0)
            {
                Thread.Sleep(0);
            }
        }

        Assert.True(graph.Drain(Timeout));
        var h = stage.Handler;
        Assert.Empty(h.Errors);
        Assert.Equal(20_000, h.Events);
        Assert.InRange(h.Lookaheads, 1, 20_000 - 2);
    }

    /// <summary>Checks the lookahead contract: event s + 2, published, within the batch, consecutive, then OnEvent(s).</summary>
    private sealed class LookaheadState
    {
        public ConcurrentQueue<string> Errors { get; } = new();

        public long Events { get; set; }

        public long Lookaheads { get; set; }

        public long LastEvent { get; set; } = -1;

        public long Expected { get; set; } = -1;

        public long MaxAhead { get; set; } = -1;
    }

    private struct LookaheadHandler : IStageHandler<long>
    {
        private readonly LookaheadState _state = new();

        public LookaheadHandler()
        {
        }

        public readonly ConcurrentQueue<string> Errors => _state.Errors;

        public readonly long Events => _state.Events;

        public readonly long Lookaheads => _state.Lookaheads;

        public readonly void OnLookahead(ref long ahead, long sequence)
        {
            var st = _state;
            if (ahead != sequence + 1000)
            {
                st.Errors.Enqueue("lookahead at " + sequence + " saw an unpublished slot");
            }

            if (sequence != st.LastEvent + 3)
            {
                st.Errors.Enqueue("lookahead at " + sequence + " after event " + st.LastEvent);
            }

            st.Expected = sequence - 2;
            st.MaxAhead = Math.Max(st.MaxAhead, sequence);
            st.Lookaheads++;
        }

        public readonly void OnEvent(ref long slot, long sequence, bool endOfBatch)
        {
            var st = _state;
            if (st.Expected >= 0 && st.Expected != sequence)
            {
                st.Errors.Enqueue("event " + sequence + " after a lookahead for " + (st.Expected + 2));
            }

            if (endOfBatch && st.MaxAhead > sequence)
            {
                st.Errors.Enqueue("lookahead " + st.MaxAhead + " past the batch ending at " + sequence);
            }

            st.Expected = -1;
            st.LastEvent = sequence;
            st.Events++;
        }
    }
}
