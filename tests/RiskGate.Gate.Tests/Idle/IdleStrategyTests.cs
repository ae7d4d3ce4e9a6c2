using RiskGate.Gate.Idle;

namespace RiskGate.Gate.Tests.Idle;

public class IdleStrategyTests
{
    [Fact]
    public void Constructors_OutOfRange_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new YieldingIdleStrategy(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackoffIdleStrategy(-1, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackoffIdleStrategy(0, -1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackoffIdleStrategy(0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackoffIdleStrategy(0, 0, 1001));
        Assert.Throws<ArgumentNullException>(() => new BlockingIdleStrategy(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BlockingIdleStrategy(new WaitSignal(), -1));
    }

    [Fact]
    public void BlockingIdle_FirstIdleAfterSpins_RegistersWaiterWithoutParking()
    {
        var signal = new WaitSignal();
        var idle = new BlockingIdleStrategy(signal, spins: 2);

        idle.Idle();
        idle.Idle();
        Assert.False(signal.HasWaiters); // still spinning
        idle.Idle();
        Assert.True(signal.HasWaiters); // registered: the caller now re-checks before parking
        idle.Reset();
        Assert.False(signal.HasWaiters); // progress cancels the registration
    }

    [Fact]
    public void BlockingIdle_Parked_WokenBySignalNotTimeout()
    {
        var signal = new WaitSignal();
        using var registered = new ManualResetEventSlim(false);
        var waiter = new Thread(() =>
        {
            var idle = new BlockingIdleStrategy(signal, spins: 0);
            idle.Idle();
            registered.Set();
            idle.Idle(); // parks
        });
        waiter.Start();
        Assert.True(registered.Wait(TimeSpan.FromSeconds(10)));

        signal.NotifyIfWaiting();

        Assert.True(waiter.Join(TimeSpan.FromSeconds(10)));
        Assert.False(signal.HasWaiters);
    }

    [Fact]
    public void NotifyIfWaiting_NoWaiter_DoesNotSignal()
    {
        var signal = new WaitSignal();
        var idle = new BlockingIdleStrategy(signal, spins: 0);

        signal.NotifyIfWaiting(); // nobody registered: no epoch change
        idle.Idle(); // registers, reads the epoch
        signal.NotifyIfWaiting(); // registered: epoch moves

        idle.Idle(); // the epoch already moved, so this returns without parking for the timeout
        Assert.Equal(0, signal.TimedOutParks);
        Assert.False(signal.HasWaiters);
    }
}
