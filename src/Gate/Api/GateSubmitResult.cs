namespace RiskGate.Gate.Api;

/// <summary>What a non-blocking submit did. Business outcomes are return values, never exceptions.</summary>
public enum GateSubmitResult : byte
{
    /// <summary>The message was copied into a slot and published; its decision will be delivered.</summary>
    Published = 0,

    /// <summary>The ring is full (or, for a message larger than a slot, every large-message buffer is in
    /// flight): nothing was published. Reject the message with <c>GateBusy</c>
    /// (<see cref="GateRejects.EncodeBusy"/>) or retry later.</summary>
    Busy = 1,

    /// <summary>The message is longer than the pipeline's large-message capacity
    /// (<c>GateOptions.LargeMessageCapacity</c>; 96 bytes when <c>LargeMessageBuffers</c> is 0): nothing was published.</summary>
    TooLarge = 2,

    /// <summary>The gate is not running (not started, or stopped): nothing was published.</summary>
    Stopped = 3,
}
