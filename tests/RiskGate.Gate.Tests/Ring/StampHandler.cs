using RiskGate.Gate.Ring;

namespace RiskGate.Gate.Tests.Ring;

/// <summary>A parallel stage of the diamond: stamps the event's sequence into its own field of the slot.</summary>
internal readonly struct StampHandler : IStageHandler<GateSlot>
{
    private readonly bool _isA;

    public StampHandler(bool isA) => _isA = isA;

    public void OnLookahead(ref GateSlot ahead, long sequence)
    {
    }

    public void OnEvent(ref GateSlot slot, long sequence, bool endOfBatch)
    {
        if (_isA)
        {
            slot.InitialMarginBefore = sequence;
        }
        else
        {
            slot.InitialMarginAfter = sequence;
        }
    }
}
