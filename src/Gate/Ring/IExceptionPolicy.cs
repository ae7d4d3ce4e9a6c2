namespace RiskGate.Gate.Ring;

/// <summary>
/// Decides what happens when an event handler throws. Given to a processor at construction; never on the
/// path of an event that did not throw.
/// </summary>
/// <remarks>Called on the processor's thread, for the failing event, before any later event is handled.</remarks>
public interface IExceptionPolicy
{
    /// <summary>Reports the exception and chooses the action.</summary>
    /// <param name="exception">What the handler threw.</param>
    /// <param name="sequence">The sequence of the failing event.</param>
    /// <param name="processorName">The name of the processor (its thread name).</param>
    /// <returns>Whether to continue with the next event or halt the processor. If the policy itself
    /// throws, the processor halts.</returns>
    ExceptionAction OnEventException(Exception exception, long sequence, string processorName);
}
