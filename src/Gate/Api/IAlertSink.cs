namespace RiskGate.Gate.Api;

/// <summary>
/// Where <see cref="Pipeline.MessageRouter"/> puts the alerts of one input. Implemented by structs used as
/// generic arguments (no virtual call): the pipeline's risk-to-egress queue and direct mode's list.
/// </summary>
/// <remarks>Called on the thread that runs the router (the risk stage, or the direct-mode host).</remarks>
public interface IAlertSink
{
    /// <summary>Takes one alert; returns false when full (the router counts it as dropped).</summary>
    bool TryAdd(in GateAlert alert);
}
