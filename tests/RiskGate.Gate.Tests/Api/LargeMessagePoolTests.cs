using RiskGate.Gate.Api;

namespace RiskGate.Gate.Tests.Api;

public class LargeMessagePoolTests
{
    [Fact]
    public void TryClaim_AllBuffersInUse_ExhaustedUntilOneIsReleased()
    {
        var pool = new LargeMessagePool(count: 4, capacity: 256);
        var message = new byte[200];
        var claimed = new int[4];
        for (var i = 0; i < 4; i++)
        {
            claimed[i] = pool.TryClaim(message);
            Assert.InRange(claimed[i], 0, 3);
        }

        Assert.Equal(4, claimed.Distinct().Count());
        Assert.Equal(-1, pool.TryClaim(message));
        Assert.Equal(4, pool.InUse);

        pool.Release(claimed[2]);

        Assert.Equal(claimed[2], pool.TryClaim(message));
        Assert.Equal(-1, pool.TryClaim(new byte[257])); // longer than a buffer: never claimed
    }

    [Fact]
    public void TryClaimBindResolve_ManyRounds_SameBytesBackAndEveryBufferReused()
    {
        var pool = new LargeMessagePool(count: 3, capacity: 128);
        var slot = new byte[96];
        var used = new HashSet<int>();
        for (var round = 0; round < 10_000; round++)
        {
            var message = new byte[97 + (round % 31)];
            message.AsSpan().Fill((byte)round);
            var index = pool.TryClaim(message);
            Assert.True(index >= 0, "round " + round);
            used.Add(index);
            pool.Bind(index, message.Length, round, slot);
            Assert.True(LargeMessagePool.IsReference(slot.AsSpan(0, LargeMessagePool.ReferenceLength)));

            Assert.Equal(-1, pool.TryResolve(slot, round + 1, out _)); // bound to another sequence: not honoured
            Assert.Equal(index, pool.TryResolve(slot, round, out var resolved));
            Assert.True(resolved.SequenceEqual(message));
            pool.Release(index);
        }

        Assert.Equal(3, used.Count);
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void TryResolve_ForgedOrReleasedReference_NotHonoured()
    {
        var pool = new LargeMessagePool(count: 2, capacity: 128);
        var slot = new byte[16];
        var index = pool.TryClaim(new byte[100]);
        pool.Bind(index, 100, 7, slot);
        pool.Release(index);

        Assert.Equal(-1, pool.TryResolve(slot, 7, out _)); // released
        slot[8] = 9; // buffer index out of range
        Assert.Equal(-1, pool.TryResolve(slot, 7, out _));
    }

    [Fact]
    public void TryClaim_FourThreadsHammering_NoBufferEverOwnedTwice()
    {
        const int Rounds = 200_000;
        var pool = new LargeMessagePool(count: 3, capacity: 128);
        var owner = new int[3];
        var failures = 0;
        var claims = new long[4];
        var threads = new Thread[4];
        for (var t = 0; t < threads.Length; t++)
        {
            var id = t + 1;
            threads[t] = new Thread(() =>
            {
                var message = new byte[100];
                for (var r = 0; r < Rounds; r++)
                {
                    var index = pool.TryClaim(message);
                    if (index < 0)
                    {
                        continue;
                    }

                    // Exclusive ownership: nobody else may hold this buffer between claim and release.
                    if (Interlocked.CompareExchange(ref owner[index], id, 0) != 0)
                    {
                        Interlocked.Increment(ref failures);
                    }

                    Thread.SpinWait(r & 7);
                    if (Interlocked.CompareExchange(ref owner[index], 0, id) != id)
                    {
                        Interlocked.Increment(ref failures);
                    }

                    claims[id - 1]++;
                    pool.Release(index);
                }
            });
        }

        foreach (var t in threads)
        {
            t.Start();
        }

        foreach (var t in threads)
        {
            t.Join();
        }

        Assert.Equal(0, failures);
        Assert.Equal(0, pool.InUse);
        Assert.True(claims.Sum() > Rounds / 10, "the threads must actually have contended for buffers");
    }
}
