namespace RiskGate.Gate.Ring;

/// <summary>What a processor does after a handler threw for one event.</summary>
public enum ExceptionAction
{
    /// <summary>Counts the failing event as processed and continues with the next one.</summary>
    Continue = 0,

    /// <summary>Stops the processor; its progress stays just before the failing event, which is recorded as its fault.</summary>
    Halt = 1,
}
