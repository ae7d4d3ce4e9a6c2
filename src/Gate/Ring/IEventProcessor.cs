namespace RiskGate.Gate.Ring;

/// <summary>
/// The lifecycle view of an event processor, independent of its handler and idle strategy types; used by
/// <see cref="StageGraph{T}"/> and by hosts. Not on the event path.
/// </summary>
/// <remarks>Any thread may call these members unless a member says otherwise.</remarks>
public interface IEventProcessor
{
    /// <summary>The processor's name; also its thread's name.</summary>
    string Name { get; }

    /// <summary>The processor's progress: every sequence up to it is processed. Published once per batch (release).</summary>
    Sequence Sequence { get; }

    /// <summary>True between <see cref="Start"/> and the end of its thread.</summary>
    bool IsRunning { get; }

    /// <summary>The handler exception that halted the processor under <see cref="ExceptionAction.Halt"/>, or null.</summary>
    Exception? Fault { get; }

    /// <summary>The sequence of the event behind <see cref="Fault"/>, or −1.</summary>
    long FaultSequence { get; }

    /// <summary>Number of batches processed (read it after halting for an exact figure).</summary>
    long BatchCount { get; }

    /// <summary>Starts the processor's dedicated background thread. Once only.</summary>
    /// <exception cref="InvalidOperationException">The processor was already started.</exception>
    void Start();

    /// <summary>Stops the processor after its current batch and waits for its thread to end.</summary>
    /// <param name="timeout">How long to wait for the thread.</param>
    /// <returns>True when the thread ended (or never started) within <paramref name="timeout"/>.</returns>
    bool Halt(TimeSpan timeout);
}
