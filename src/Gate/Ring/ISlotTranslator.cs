namespace RiskGate.Gate.Ring;

/// <summary>
/// Fills a claimed slot for <c>TryPublish</c> on a sequencer. Implemented by mutable structs used as generic
/// arguments, so the call is specialised and inlined.
/// </summary>
/// <remarks>Called on the producer thread that claimed the slot, before it is published.</remarks>
/// <typeparam name="T">The slot type.</typeparam>
public interface ISlotTranslator<T>
    where T : struct
{
    /// <summary>Writes the event into <paramref name="slot"/> (every field consumers read: slots are reused, not cleared).</summary>
    void Translate(ref T slot, long sequence);

    /// <summary>
    /// Called when <see cref="Translate"/> threw: marks <paramref name="slot"/> invalid so consumers skip it.
    /// The slot is published right after; this method must not throw.
    /// </summary>
    void Invalidate(ref T slot, long sequence);
}
