using System.Runtime.CompilerServices;
using RiskGate.Gate.Ring;

namespace RiskGate.Perf.Ring;

/// <summary>
/// The same per-event consumer work for every implementation: each producer stamps its id and its own
/// counter into the slot; the consumer checks that every producer's events arrive once and in order.
/// </summary>
internal struct OrderValidator
{
    private readonly long[] _expected;

    public OrderValidator(int producers)
    {
        _expected = new long[producers];
        Count = 0;
        Errors = 0;
    }

    public long Count;
    public long Errors;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Check(ref GateSlot slot)
    {
        Count++;
        var producer = (int)slot.SourceId;
        var expected = _expected;
        if ((uint)producer < (uint)expected.Length && slot.DecisionSequence == expected[producer] && slot.Validity == SlotValidity.Valid)
        {
            expected[producer]++;
        }
        else
        {
            Errors++;
        }
    }

    /// <summary>Errors, plus one if the number of events seen is not <paramref name="total"/>.</summary>
    public readonly long Verdict(long total) => Errors + (Count == total ? 0 : 1);

    /// <summary>Fills the fields every implementation writes per event (the rest of the 160-byte slot travels as is).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Stamp(ref GateSlot slot, int producer, long counter)
    {
        slot.SourceId = producer;
        slot.DecisionSequence = counter;
        slot.ReceiveTimestampNs = counter;
        slot.Length = 64;
        slot.Validity = SlotValidity.Valid;
    }
}
