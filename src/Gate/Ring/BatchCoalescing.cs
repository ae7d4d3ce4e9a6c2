using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace RiskGate.Gate.Ring;

/// <summary>
/// Batch coalescing for a consumer that keeps pace with a streaming producer.
/// </summary>
/// <remarks>
/// <para>Why: when the producer publishes one event at a time about as fast as a stage consumes them, the
/// stage reads the cursor after every two or three events. Each read pulls the cursor's cache line to the
/// consumer's core and the producer's next publish must take it back: the line bounces on every publish
/// and both threads run in lock-step at the speed of that transfer (about 45M events/s here, average batch
/// ≈ 3). Waiting a few pause instructions before the next read lets the producer publish several events
/// from a line it owns; batches grow to tens of events and the ring runs at memory speed.</para>
/// <para>When: only while streaming, that is when the previous read of the cursor already found events
/// waiting and the batch it found was smaller than <see cref="SmallBatch"/>. A stage that had to wait for
/// its event (request/response traffic, light load) never pays the delay, so a ping-pong round trip is
/// unchanged. The delay is bounded by <c>pauses</c> pause instructions per batch (about 25 ns each on this
/// project's AMD EPYC machine, so the default window is about 0.8 µs), after which the cursor is read once; 0 turns coalescing off.
/// Reading the cursor during the window to end it early was measured here: every read bounces the line
/// again, and the 1P→1C rate fell from about 160M to 60M events/s.</para>
/// <para>Where: stages whose handler is cheap next to a cache-line transfer (tens of nanoseconds), which is
/// when lock-step costs throughput. A stage whose handler takes microseconds gains nothing and would only add
/// latency under load, so the gate's own stages run with coalescing off.</para>
/// </remarks>
public static class BatchCoalescing
{
    /// <summary>Default pause instructions before re-reading the cursor while streaming small batches.</summary>
    public const int DefaultPauses = 32;

    /// <summary>Most pauses a stage accepts (a larger window only adds latency).</summary>
    public const int MaxPauses = 4096;

    /// <summary>Batches smaller than this (events) are coalesced while streaming.</summary>
    public const long SmallBatch = 32;

    /// <summary>Spins <paramref name="pauses"/> pause instructions.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void Pause(int pauses)
    {
        for (var i = 0; i < pauses; i++)
        {
            if (X86Base.IsSupported)
            {
                X86Base.Pause();
            }
            else
            {
                Thread.SpinWait(1);
            }
        }
    }
}
