using RiskGate.Gate.Idle;
using RiskGate.Gate.Ring;

namespace RiskGate.Gate.Tests.Ring;

public class SequenceBarrierTests
{
    [Fact]
    public void WaitFor_Alerted_ReturnsBelowRequestedSequence()
    {
        var sequencer = new SingleProducerSequencer(8);
        var barrier = sequencer.NewBarrier();
        var idle = new BusySpinIdleStrategy();
        barrier.Alert();

        Assert.True(barrier.IsAlerted);
        Assert.Equal(-1, barrier.WaitFor(0, ref idle));

        barrier.ClearAlert();
        Assert.False(barrier.IsAlerted);
    }

    [Fact]
    public void WaitFor_AlertedButAvailable_ReturnsAvailable()
    {
        var sequencer = new SingleProducerSequencer(8);
        sequencer.SetGatingSequences(new Sequence());
        var barrier = sequencer.NewBarrier();
        Assert.True(sequencer.TryClaim(3, out var highest));
        sequencer.Publish(0, highest);
        barrier.Alert();
        var idle = new BusySpinIdleStrategy();

        Assert.Equal(2, barrier.WaitFor(0, ref idle)); // available events are never hidden by an alert
    }

    [Fact]
    public void WaitFor_Dependents_ReturnsSlowestDependent()
    {
        var sequencer = new SingleProducerSequencer(8);
        var a = new Sequence(5);
        var b = new Sequence(3);
        var barrier = sequencer.NewBarrier(a, b);
        var idle = new BusySpinIdleStrategy();

        Assert.Equal(3, barrier.WaitFor(2, ref idle));
        b.SetValue(7);
        Assert.Equal(5, barrier.WaitFor(4, ref idle));
    }

    [Fact]
    public void WaitFor_MultiProducerGap_ReturnsOnlyContiguousPublished()
    {
        var sequencer = new MultiProducerSequencer(8);
        sequencer.SetGatingSequences(new Sequence());
        var barrier = sequencer.NewBarrier();
        Assert.True(sequencer.TryClaim(3, out _));
        sequencer.Publish(0);
        sequencer.Publish(2); // 1 is claimed but not published
        var idle = new BusySpinIdleStrategy();

        Assert.Equal(0, barrier.WaitFor(0, ref idle));
        sequencer.Publish(1);
        Assert.Equal(2, barrier.WaitFor(1, ref idle));
    }
}
