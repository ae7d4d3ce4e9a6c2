namespace RiskGate.Gate.Api;

/// <summary>What a non-blocking submit did. Business outcomes are return values, never exceptions.</summary>
public enum GateSubmitResult : byte
{
    /// <summary>The message was copied into a slot and published; its decision will be delivered.</summary>
    Published = 0,

    /// <summary>The ring is full: nothing was published. Reject the message with <c>GateBusy</c>
    /// (<see cref="GateRejects.EncodeBusy"/>) or retry later.</summary>
    Busy = 1,

    /// <summary>The message is longer than a slot (96 bytes): nothing was published. Reference data larger
    /// than a slot goes through <c>LoadReferenceData</c> before start.</summary>
    TooLarge = 2,

    /// <summary>The gate is not running (not started, or stopped): nothing was published.</summary>
    Stopped = 3,
}
