using System.Runtime.CompilerServices;

namespace RiskGate.Gate.Ring;

/// <summary>Runs a translator over a claimed slot and marks the slot invalid if it throws.</summary>
internal static class SlotFiller
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fill<T, TTranslator>(RingBuffer<T> ring, ref TTranslator translator, long sequence)
        where T : struct
        where TTranslator : struct, ISlotTranslator<T>
    {
        ref var slot = ref ring[sequence];
        try
        {
            translator.Translate(ref slot, sequence);
        }
        catch
        {
            translator.Invalidate(ref slot, sequence);
            throw;
        }
    }
}
