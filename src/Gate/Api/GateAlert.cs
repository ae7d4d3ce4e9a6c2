using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Messages;

namespace RiskGate.Gate.Api;

/// <summary>
/// An account event raised while the gate processed an input (margin call, liquidation warning, trading
/// state change, kill-switch cancel, order expiry). Plain data; encodes to the wire <c>AccountAlert</c>.
/// </summary>
/// <remarks>Delivered after the decision of <see cref="InputSequence"/>. Money is MONEY4.</remarks>
public struct GateAlert
{
    /// <summary>Outbound sequence, shared with decisions.</summary>
    public long Sequence;

    /// <summary>The input whose processing raised the alert.</summary>
    public long InputSequence;

    /// <summary>Account.</summary>
    public uint AccountId;

    /// <summary>What happened (wire numbering; 6 = order expired is engine-only, see <see cref="IsWireKind"/>).</summary>
    public AlertKind Kind;

    /// <summary>The account's trading state after the event.</summary>
    public TradingState TradingState;

    /// <summary>Client order id concerned (kill-switch cancel, expiry), else 0.</summary>
    public ulong ClientOrderId;

    /// <summary>Account equity, MONEY4.</summary>
    public long Equity;

    /// <summary>Maintenance margin, MONEY4.</summary>
    public long MaintenanceMargin;

    /// <summary>Engine time of the event, nanoseconds.</summary>
    public long TimeNs;

    /// <summary>True when <see cref="Kind"/> exists on the wire (1–5) and the alert encodes as an <c>AccountAlert</c>.</summary>
    public readonly bool IsWireKind => Kind is >= AlertKind.MarginCall and <= AlertKind.OrdersCancelledByKillSwitch;

    /// <summary>Encodes the wire <c>AccountAlert</c> into <paramref name="destination"/> (at least
    /// <see cref="AccountAlertEncoder.Length"/> bytes). Any thread; no allocation. The initial margin is
    /// not carried by engine alerts and is written as null.</summary>
    /// <returns>The encoded length.</returns>
    public readonly int Encode(Span<byte> destination) =>
        AccountAlertEncoder.Wrap(destination)
            .Sequence((ulong)Sequence)
            .AccountId(AccountId)
            .Kind(Kind)
            .TradingState(TradingState)
            .Equity(Equity)
            .MaintenanceMargin(MaintenanceMargin)
            .InitialMargin(long.MinValue)
            .TransactTime((ulong)TimeNs)
            .EncodedLength;
}
