using System.Runtime.CompilerServices;

namespace RiskGate.Gate.Ring;

/// <summary>The inline message area of a <see cref="GateSlot"/>: <see cref="GateSlot.MessageCapacity"/> bytes, no heap.</summary>
/// <remarks>Use it as a <see cref="Span{T}"/> (<c>Span&lt;byte&gt; bytes = slot.Message;</c>). No memory ordering of its own.</remarks>
[InlineArray(GateSlot.MessageCapacity)]
public struct GateMessageBuffer
{
    private byte _element0;
}
