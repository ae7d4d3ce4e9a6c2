using RiskGate.Engine.Checks;

namespace RiskGate.Engine.Tests.Checks;

/// <summary>Sliding-window throttle against counting stamps in the window.</summary>
public sealed class ThrottleTests
{
    [Theory]
    [InlineData(1, 100)] // why: the smallest limit
    [InlineData(5, 100)] // why: a limit below the ring capacity
    [InlineData(16, 1000)] // why: the limit equal to the ring capacity
    public void TryAdmit_RandomStamps_MatchesWindowCount(int limit, long window)
    {
        var throttle = new Throttle(2, 16, window);
        var admitted = new List<long>();
        var random = new Random(limit);
        long t = 0;
        for (var k = 0; k < 20_000; k++)
        {
            t += random.Next(0, (int)(window / 3));
            var inWindow = admitted.Count(s => t - s < window);
            Assert.Equal(inWindow < limit, throttle.TryAdmit(1, t, limit));
            if (inWindow < limit)
            {
                admitted.Add(t);
            }
        }

        Assert.True(throttle.TryAdmit(0, t, limit)); // why: accounts have separate windows
        Assert.False(throttle.TryAdmit(0, t, 0)); // why: a limit of zero admits nothing
    }
}
