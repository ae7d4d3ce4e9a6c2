using RiskGate.Engine.Checks;

namespace RiskGate.Engine;

/// <summary>One alert produced by an engine call; plain data read from <see cref="AlertBuffer"/>.</summary>
public struct EngineAlert
{
    /// <summary>What happened.</summary>
    public EngineAlertKind Kind;

    /// <summary>External account id (0 for a global or group state change).</summary>
    public uint AccountId;

    /// <summary>Product group concerned, or −1.</summary>
    public int Group;

    /// <summary>Client order id of a cancelled or expired order; 0 otherwise.</summary>
    public ulong ClientOrderId;

    /// <summary>New state for <see cref="EngineAlertKind.TradingStateChanged"/>.</summary>
    public TradingState State;

    /// <summary>Scope of a state change or kill-switch cancel.</summary>
    public ControlScope Scope;

    /// <summary>Equity at the alert (margin alerts).</summary>
    public double Equity;

    /// <summary>Maintenance requirement at the alert (margin alerts).</summary>
    public double Maintenance;

    /// <summary>Input sequence number of the message that caused it.</summary>
    public long Sequence;
}
