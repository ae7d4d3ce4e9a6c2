namespace RiskGate.Gate.Ring;

/// <summary>
/// The work of one stage, called for every event in order. Implemented by a (mutable) struct used as a
/// generic argument of <see cref="BatchEventProcessor{T, THandler, TIdle}"/>: the call is specialised and
/// inlined, never a virtual call per event.
/// </summary>
/// <remarks>Called only on the processor's dedicated thread. Exceptions go to the processor's
/// <see cref="IExceptionPolicy"/>.</remarks>
/// <typeparam name="T">The slot type.</typeparam>
public interface IStageHandler<T>
    where T : struct
{
    /// <summary>Processes one event.</summary>
    /// <param name="slot">The event's slot, by reference: read it in place; the stage the design names as
    /// the writer (the risk stage) may write its decision fields.</param>
    /// <param name="sequence">The event's sequence.</param>
    /// <param name="endOfBatch">True for the last event of the batch (flush buffered output here).</param>
    void OnEvent(ref T slot, long sequence, bool endOfBatch);

    /// <summary>
    /// Called just before <see cref="OnEvent"/> for event s with event s + 2 when that event is in the same
    /// (published) batch, so the stage can start loading what later events will touch (software prefetch)
    /// while it handles the current one; consecutive calls have consecutive sequences within a batch. It
    /// must not change state the decisions depend on and must not throw; a stage with nothing to
    /// prefetch leaves it empty (the call is specialised and disappears).
    /// </summary>
    /// <param name="ahead">The slot of event s + 2, read only.</param>
    /// <param name="sequence">Its sequence.</param>
    void OnLookahead(ref T ahead, long sequence);
}
