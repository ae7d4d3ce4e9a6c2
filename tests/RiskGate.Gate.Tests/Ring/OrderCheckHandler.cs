using RiskGate.Gate.Ring;

namespace RiskGate.Gate.Tests.Ring;

/// <summary>
/// Checks that each producer's events arrive exactly once and in that producer's order: the slot carries the
/// producer (SourceId) and its own counter (DecisionSequence). Optionally checks that stages A and B stamped
/// the slot before this stage saw it.
/// </summary>
internal struct OrderCheckHandler : IStageHandler<GateSlot>
{
    private readonly long[] _expected;
    private readonly bool _checkMarks;

    public OrderCheckHandler(int producers, bool checkMarks)
    {
        _expected = new long[producers];
        _checkMarks = checkMarks;
        Count = 0;
        OrderErrors = 0;
        MarkErrors = 0;
        Invalid = 0;
    }

    public long Count;
    public long OrderErrors;
    public long MarkErrors;
    public long Invalid;

    public readonly long ExpectedNext(int producer) => _expected[producer];

    public void OnLookahead(ref GateSlot ahead, long sequence)
    {
    }

    public void OnEvent(ref GateSlot slot, long sequence, bool endOfBatch)
    {
        Count++;
        if (slot.Validity != SlotValidity.Valid)
        {
            Invalid++;
            return;
        }

        var producer = (int)slot.SourceId;
        if ((uint)producer >= (uint)_expected.Length || slot.DecisionSequence != _expected[producer])
        {
            OrderErrors++;
        }
        else
        {
            _expected[producer]++;
        }

        if (_checkMarks && (slot.InitialMarginBefore != sequence || slot.InitialMarginAfter != sequence))
        {
            MarkErrors++;
        }
    }
}
