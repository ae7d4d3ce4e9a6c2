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

    [Theory]
    [InlineData(1, 100)] // why: the smallest limit
    [InlineData(3, 100)] // why: a back-dated stamp can sit between the limit-th most recent and the latest
    [InlineData(16, 1000)] // why: the limit equal to the ring capacity
    public void TryAdmit_BackDatedAndFutureStamps_CountAtTheAccountsLatestStamp(int limit, long window)
    {
        var throttle = new Throttle(2, 16, window);
        var admitted = new List<long>();
        var random = new Random(limit + 100);
        long t = 0, latest = 0;
        for (var k = 0; k < 20_000; k++)
        {
            t += random.Next(0, (int)(window / 3));
            var stamp = random.Next(10) switch
            {
                0 => t - random.Next(1, (int)(5 * window)), // why: back-dated, often below the latest stamp
                1 => t + random.Next(1, (int)(3 * window)), // why: ahead of the stream
                2 => long.MinValue + random.Next(0, 1000), // why: a wire stamp past 2^63 reads negative
                _ => t,
            };

            // The oracle: throttle time never goes back (nor below 0); count the admitted stamps in the window.
            var at = Math.Max(stamp, latest);
            admitted.RemoveAll(s => at - s >= window);
            var expected = admitted.Count < limit;
            Assert.Equal(expected, throttle.TryAdmit(1, stamp, limit));
            if (expected)
            {
                admitted.Add(at);
                latest = at;
            }
        }

        Assert.True(throttle.TryAdmit(0, 0, limit)); // why: another account's window is untouched
    }

    [Fact]
    public void TryAdmit_FarFutureStamp_ThrottlesOnlyItsOwnAccount()
    {
        var throttle = new Throttle(2, 4, 100);
        Assert.True(throttle.TryAdmit(1, long.MaxValue / 2, 2));
        Assert.True(throttle.TryAdmit(1, 1000, 2)); // why: counted at long.MaxValue / 2, the second of two
        Assert.False(throttle.TryAdmit(1, 2000, 2));
        Assert.False(throttle.TryAdmit(1, 1_000_000, 2));
        for (var k = 0; k < 10; k++)
        {
            Assert.True(throttle.TryAdmit(0, 1000 + (k * 100), 2)); // why: one message per window on account 0
        }
    }
}
