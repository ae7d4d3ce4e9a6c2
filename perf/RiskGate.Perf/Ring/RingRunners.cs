using System.Diagnostics;
using HdrHistogram;
using RiskGate.Gate.Idle;
using RiskGate.Gate.Ring;

namespace RiskGate.Perf.Ring;

/// <summary>Our ring, with the gate's real 160-byte <see cref="GateSlot"/>, waiting with <typeparamref name="TIdle"/> on both sides.</summary>
internal static class RingRunners<TIdle>
    where TIdle : struct, IIdleStrategy
{
    public const int Capacity = 1 << 16;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Consumer: validates each event and notes when the last one arrived.</summary>
    private struct CountingHandler : IStageHandler<GateSlot>
    {
        private readonly long _total;
        public OrderValidator Validator;
        public long EndTicks;

        public CountingHandler(int producers, long total)
        {
            _total = total;
            Validator = new OrderValidator(producers);
            EndTicks = 0;
        }

        public void OnLookahead(ref GateSlot ahead, long sequence)
        {
        }

        public void OnEvent(ref GateSlot slot, long sequence, bool endOfBatch)
        {
            Validator.Check(ref slot);
            if (Validator.Count == _total)
            {
                EndTicks = Stopwatch.GetTimestamp();
            }
        }
    }

    /// <summary>Echo side of the ping-pong: copies the request's counter into a reply on the second ring.</summary>
    private readonly struct EchoHandler : IStageHandler<GateSlot>
    {
        private readonly RingBuffer<GateSlot> _replies;
        private readonly SingleProducerSequencer _replySequencer;
        private readonly TIdle _idle;

        public EchoHandler(RingBuffer<GateSlot> replies, SingleProducerSequencer replySequencer, TIdle idle)
        {
            _replies = replies;
            _replySequencer = replySequencer;
            _idle = idle;
        }

        public void OnLookahead(ref GateSlot ahead, long sequence)
        {
        }

        public void OnEvent(ref GateSlot slot, long sequence, bool endOfBatch)
        {
            var idle = _idle;
            var s = _replySequencer.Claim(ref idle);
            OrderValidator.Stamp(ref _replies[s], 0, slot.DecisionSequence);
            _replySequencer.Publish(s);
        }
    }

    /// <summary>1P→1C. <paramref name="producerBatch"/> &gt; 1: the producer claims that many slots, fills them and
    /// publishes them with one store (what a gateway does with the messages of one network read).</summary>
    public static ThroughputSample OneToOne(long events, TIdle idle, int coalescePauses = BatchCoalescing.DefaultPauses, int producerBatch = 1)
    {
        var ring = new RingBuffer<GateSlot>(Capacity);
        var sequencer = new SingleProducerSequencer(Capacity);
        var graph = new StageGraph<GateSlot>(ring, sequencer);
        var consumer = graph.AddStage("perf-consumer", new CountingHandler(1, events), idle, coalescePauses: coalescePauses);
        graph.Start();
        var start = new StartSignal();
        var producer = new Thread(() =>
        {
            start.Wait();
            var claimIdle = idle;
            if (producerBatch <= 1)
            {
                for (long i = 0; i < events; i++)
                {
                    var s = sequencer.Claim(ref claimIdle);
                    OrderValidator.Stamp(ref ring[s], 0, i);
                    sequencer.Publish(s);
                }

                return;
            }

            for (long i = 0; i < events;)
            {
                var n = (int)Math.Min(producerBatch, events - i);
                var high = sequencer.Claim(n, ref claimIdle);
                for (var s = high - n + 1; s <= high; s++, i++)
                {
                    OrderValidator.Stamp(ref ring[s], 0, i);
                }

                sequencer.Publish(high);
            }
        })
        { IsBackground = true, Name = "perf-producer" };
        producer.Start();
        var gc = GC.CollectionCount(0);

        var t0 = start.Release();
        var joined = producer.Join(Timeout);
        var drained = graph.Drain(Timeout);
        ref var handler = ref consumer.Handler;
        var errors = handler.Validator.Verdict(events) + (joined && drained ? 0 : 1);
        return new ThroughputSample(events, StartSignal.Seconds(t0, handler.EndTicks), consumer.BatchCount, errors, GC.CollectionCount(0) - gc);
    }

    public static ThroughputSample ManyToOne(int producers, long eventsPerProducer, TIdle idle, int coalescePauses = BatchCoalescing.DefaultPauses)
    {
        var total = producers * eventsPerProducer;
        var ring = new RingBuffer<GateSlot>(Capacity);
        var sequencer = new MultiProducerSequencer(Capacity);
        var graph = new StageGraph<GateSlot>(ring, sequencer);
        var consumer = graph.AddStage("perf-consumer", new CountingHandler(producers, total), idle, coalescePauses: coalescePauses);
        graph.Start();
        var start = new StartSignal();
        var threads = new Thread[producers];
        for (var p = 0; p < producers; p++)
        {
            var id = p;
            threads[p] = new Thread(() =>
            {
                start.Wait();
                var claimIdle = idle;
                for (long i = 0; i < eventsPerProducer; i++)
                {
                    var s = sequencer.Claim(ref claimIdle);
                    OrderValidator.Stamp(ref ring[s], id, i);
                    sequencer.Publish(s);
                }
            })
            { IsBackground = true, Name = "perf-producer-" + p };
            threads[p].Start();
        }

        var gc = GC.CollectionCount(0);
        var t0 = start.Release();
        var joined = true;
        foreach (var t in threads)
        {
            joined &= t.Join(Timeout);
        }

        var drained = graph.Drain(Timeout);
        ref var handler = ref consumer.Handler;
        var errors = handler.Validator.Verdict(total) + (joined && drained ? 0 : 1);
        return new ThroughputSample(total, StartSignal.Seconds(t0, handler.EndTicks), consumer.BatchCount, errors, GC.CollectionCount(0) - gc);
    }

    public static (LongHistogram Histogram, long Errors) PingPong(int roundTrips, TIdle idle, int coalescePauses = BatchCoalescing.DefaultPauses)
    {
        const int Size = 1024;
        var requests = new RingBuffer<GateSlot>(Size);
        var requestSequencer = new SingleProducerSequencer(Size);
        var replies = new RingBuffer<GateSlot>(Size);
        var replySequencer = new SingleProducerSequencer(Size);
        var replyProgress = new Sequence();
        replySequencer.SetGatingSequences(replyProgress);
        var graph = new StageGraph<GateSlot>(requests, requestSequencer);
        graph.AddStage("perf-echo", new EchoHandler(replies, replySequencer, idle), idle, coalescePauses: coalescePauses);
        graph.Start();
        var histogram = new LongHistogram(10_000_000_000L, 3);
        long errors = 0;
        var pinger = new Thread(() =>
        {
            var barrier = replySequencer.NewBarrier();
            var claimIdle = idle;
            var waitIdle = idle;
            for (long i = 0; i < roundTrips; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                var s = requestSequencer.Claim(ref claimIdle);
                OrderValidator.Stamp(ref requests[s], 0, i);
                requestSequencer.Publish(s);
                var available = barrier.WaitFor(i, ref waitIdle);
                var t1 = Stopwatch.GetTimestamp();
                if (available != i || replies[i].DecisionSequence != i)
                {
                    errors++;
                }

                replyProgress.SetValue(i);
                histogram.RecordValue(StartSignal.Nanoseconds(t1 - t0));
            }
        })
        { IsBackground = true, Name = "perf-pinger" };
        pinger.Start();
        var joined = pinger.Join(Timeout);
        var drained = graph.Drain(Timeout);
        return (histogram, errors + (joined && drained ? 0 : 1) + (histogram.TotalCount == roundTrips ? 0 : 1));
    }
}
