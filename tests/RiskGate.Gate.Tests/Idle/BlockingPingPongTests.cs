using RiskGate.Gate.Idle;
using RiskGate.Gate.Ring;

namespace RiskGate.Gate.Tests.Idle;

/// <summary>Both sides park between round trips: every wake-up must come from a signal, none may be lost.</summary>
public class BlockingPingPongTests
{
    private struct EchoHandler : IStageHandler<long>
    {
        private readonly RingBuffer<long> _replies;
        private readonly SingleProducerSequencer _replySequencer;

        public EchoHandler(RingBuffer<long> replies, SingleProducerSequencer replySequencer)
        {
            _replies = replies;
            _replySequencer = replySequencer;
        }

        public void OnLookahead(ref long ahead, long sequence)
        {
        }

        public readonly void OnEvent(ref long slot, long sequence, bool endOfBatch)
        {
            var idle = new YieldingIdleStrategy();
            var s = _replySequencer.Claim(ref idle);
            _replies[s] = slot * 2;
            _replySequencer.Publish(s);
        }
    }

    [Fact]
    public void PingPong_BothSidesBlocking_CompletesWithEveryReply()
    {
        const int RoundTrips = 3000;
        var requests = new RingBuffer<long>(8);
        var requestSequencer = new SingleProducerSequencer(8);
        var replies = new RingBuffer<long>(8);
        var replySequencer = new SingleProducerSequencer(8);
        var replyProgress = new Sequence();
        replySequencer.SetGatingSequences(replyProgress);
        var graph = new StageGraph<long>(requests, requestSequencer);
        graph.AddStage("echo", new EchoHandler(replies, replySequencer), new BlockingIdleStrategy(requestSequencer.Signal, 0));
        graph.Start();
        var barrier = replySequencer.NewBarrier();
        var wait = new BlockingIdleStrategy(replySequencer.Signal, 0);
        var claimIdle = new YieldingIdleStrategy();

        Exception? failure = null;
        var pinger = new Thread(() =>
        {
            try
            {
                for (long i = 0; i < RoundTrips; i++)
                {
                    var s = requestSequencer.Claim(ref claimIdle);
                    requests[s] = i;
                    requestSequencer.Publish(s);
                    var available = barrier.WaitFor(i, ref wait);
                    Assert.Equal(i, available);
                    Assert.Equal(i * 2, replies[i]);
                    replyProgress.SetValue(i);
                }
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        pinger.Start();

        Assert.True(pinger.Join(TimeSpan.FromSeconds(60)), "ping-pong stalled");
        Assert.Null(failure);
        Assert.True(graph.Drain(TimeSpan.FromSeconds(10)));
        // A lost wake-up costs a timed-out park (50 ms): a systematic race would time out most round trips and
        // blow the join above; a few may come from scheduling delays on a loaded machine.
        Assert.True(requestSequencer.Signal.TimedOutParks + replySequencer.Signal.TimedOutParks < RoundTrips / 10);
    }
}
