namespace RiskGate.Gate.Ring;

/// <summary>Whether a published <see cref="GateSlot"/> carries a usable message.</summary>
public enum SlotValidity : byte
{
    /// <summary>The producer failed while filling the slot (or never marked it valid): every stage skips it.</summary>
    Invalid = 0,

    /// <summary>The producer wrote a complete message.</summary>
    Valid = 1,
}
