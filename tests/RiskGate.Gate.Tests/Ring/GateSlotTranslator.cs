using RiskGate.Gate.Ring;

namespace RiskGate.Gate.Tests.Ring;

/// <summary>Writes a small message into a gate slot, or throws half-way when asked to.</summary>
internal struct GateSlotTranslator : ISlotTranslator<GateSlot>
{
    private readonly bool _fail;
    private readonly byte _payload;

    public GateSlotTranslator(bool fail, byte payload)
    {
        _fail = fail;
        _payload = payload;
    }

    public readonly void Translate(ref GateSlot slot, long sequence)
    {
        slot.SourceId = sequence;
        slot.Validity = SlotValidity.Valid;
        if (_fail)
        {
            throw new InvalidOperationException("decode failed half-way");
        }

        slot.TryWriteMessage([_payload], sequence, sequence);
    }

    public readonly void Invalidate(ref GateSlot slot, long sequence) => slot.Invalidate();
}
