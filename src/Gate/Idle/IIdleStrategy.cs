namespace RiskGate.Gate.Idle;

/// <summary>
/// What a thread does while it waits for a sequence to advance (a consumer waiting for the producer or an
/// earlier stage, a producer waiting for space in a full ring).
/// </summary>
/// <remarks>
/// Implementations are mutable structs used as generic arguments (<c>where TIdle : struct, IIdleStrategy</c>)
/// and passed by <c>ref</c>, so the JIT specialises and inlines them: there is no virtual call per wait.
/// An instance belongs to the one thread that waits with it; it is not thread-safe.
/// The waiting loop is: re-check the condition, and if it does not hold call <see cref="Idle"/>; once it
/// holds call <see cref="Reset"/>. Strategies never check the condition themselves, so every one of them
/// may return early (spuriously); callers always re-check.
/// </remarks>
public interface IIdleStrategy
{
    /// <summary>Called by the waiting thread after it found no progress. May spin, yield, sleep or park.</summary>
    void Idle();

    /// <summary>Called by the waiting thread once it made progress; restarts any back-off from the beginning.</summary>
    void Reset();
}
