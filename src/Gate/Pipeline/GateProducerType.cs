namespace RiskGate.Gate.Pipeline;

/// <summary>How many threads may submit to a <see cref="GatePipeline{THandler}"/>.</summary>
public enum GateProducerType : byte
{
    /// <summary>Exactly one submitting thread (cheapest claim).</summary>
    Single = 0,

    /// <summary>Any number of submitting threads.</summary>
    Multi = 1,
}
