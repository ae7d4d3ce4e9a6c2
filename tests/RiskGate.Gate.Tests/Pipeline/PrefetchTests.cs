using RiskGate.Engine;
using RiskGate.Gate.Api;
using RiskGate.Gate.Pipeline;

namespace RiskGate.Gate.Tests.Pipeline;

/// <summary>
/// The risk stage's two-step software prefetch (<see cref="MessageRouter.Prefetch"/> two messages ahead,
/// <see cref="MessageRouter.PrefetchRows"/> one ahead) is a hint: decisions and alerts are the same bits
/// with and without it, and no input, however bad, makes it throw.
/// </summary>
public class PrefetchTests
{
    private struct ListSink(List<GateAlert> alerts) : IAlertSink
    {
        public readonly bool TryAdd(in GateAlert alert)
        {
            alerts.Add(alert);
            return true;
        }
    }

    private static MessageRouter NewRouter() => new(new RiskEngine(GateSession.EngineOptions()), sweepInterval: 64, sweepAccounts: 8);

    private static List<byte[]> Messages(int seed, int count)
    {
        var session = new GateSession(seed);
        var messages = session.Setup().ConvertAll(static s => s.Bytes);
        var buffer = new byte[96];
        for (var i = 0; i < count; i++)
        {
            var length = session.Next(buffer, out _);
            messages.Add(buffer.AsSpan(0, length).ToArray());
        }

        return messages;
    }

    [Theory]
    [InlineData(3)]
    [InlineData(17)]
    public void Prefetch_TwoAndOneMessageAhead_DecisionsAndAlertsBitForBitEqualWithout(int seed)
    {
        var messages = Messages(seed, 30_000);
        var plain = NewRouter();
        var prefetching = NewRouter();
        var plainAlerts = new List<GateAlert>();
        var prefetchAlerts = new List<GateAlert>();
        var plainSink = new ListSink(plainAlerts);
        var prefetchSink = new ListSink(prefetchAlerts);
        var tokens = 0;
        var pending = -1;
        for (var i = 0; i < messages.Count; i++)
        {
            // What the risk stage does before deciding message i: rows for i + 1, headers for i + 2.
            prefetching.PrefetchRows(pending);
            pending = i + 1 < messages.Count ? prefetching.Prefetch(messages[i + 1]) : -1;
            tokens += pending >= 0 ? 1 : 0;
            plain.Decide(messages[i], i, i, 0, out var expected, ref plainSink);
            prefetching.Decide(messages[i], i, i, 0, out var actual, ref prefetchSink);
            Assert.Equal(expected, actual);
        }

        Assert.Equal(plainAlerts, prefetchAlerts);
        Assert.NotEmpty(plainAlerts);
        Assert.InRange(tokens, messages.Count / 2, messages.Count);
    }

    [Fact]
    public void Prefetch_BeforeSealUnknownAccountOrNonAccountMessage_ReturnsMinusOne()
    {
        var messages = Messages(5, 200);
        var router = NewRouter();

        // Reference data first: the engine is not sealed yet, so there is nothing to load.
        Assert.Equal(-1, router.Prefetch(messages[0]));
        Assert.Equal(-1, router.Engine.Prefetch(1, 100, 1));
        var sink = new ListSink([]);
        for (var i = 0; i < messages.Count; i++)
        {
            router.Decide(messages[i], i, i, 0, out _, ref sink);
        }

        Assert.True(router.Engine.IsSealed);
        Assert.Equal(-1, router.Engine.Prefetch(999_999, 100, 1));
        Assert.Equal(router.Engine.AccountIndex(1), router.Engine.Prefetch(1, 100, 1));
        Assert.Equal(router.Engine.AccountIndex(2), router.Engine.Prefetch(2, uint.MaxValue, 0));
    }

    [Fact]
    public void Prefetch_GarbageTruncatedOrEmptyBytesAndAnyToken_NeverThrowNorChangeDecisions()
    {
        var messages = Messages(9, 2_000);
        var plain = NewRouter();
        var probed = NewRouter();
        var random = new Random(42);
        var garbage = new byte[96];
        var plainSink = new ListSink([]);
        var probedSink = new ListSink([]);
        for (var i = 0; i < messages.Count; i++)
        {
            random.NextBytes(garbage);
            _ = probed.Prefetch(garbage.AsSpan(0, random.Next(garbage.Length + 1)));
            _ = probed.Prefetch(messages[i].AsSpan(0, random.Next(messages[i].Length + 1)));
            _ = probed.Prefetch(ReadOnlySpan<byte>.Empty);
            probed.PrefetchRows(random.Next(int.MinValue, int.MaxValue));
            probed.PrefetchRows(-1);
            probed.PrefetchRows(int.MaxValue);
            plain.Decide(messages[i], i, i, 0, out var expected, ref plainSink);
            probed.Decide(messages[i], i, i, 0, out var actual, ref probedSink);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void DirectGate_PrefetchTwoAheadAsDocumented_SameDecisionsAndAlertsAsWithout()
    {
        var messages = Messages(23, 20_000);
        var plain = new DirectGate(GateSession.Options());
        var prefetching = new DirectGate(GateSession.Options());
        var token = -1;
        for (var i = 0; i < messages.Count; i++)
        {
            prefetching.PrefetchRows(token);
            token = i + 2 < messages.Count ? prefetching.Prefetch(messages[i + 2]) : -1;
            var expected = plain.Submit(messages[i], i);
            var actual = prefetching.Submit(messages[i], i);
            Assert.Equal(expected, actual);
            Assert.True(plain.Alerts.SequenceEqual(prefetching.Alerts), "alerts of message " + i);
        }
    }
}
