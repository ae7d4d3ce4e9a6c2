namespace RiskGate.Engine.State;

/// <summary>Side of a working order. Values are stable.</summary>
public enum OrderSide : byte
{
    /// <summary>A buy: adds contracts.</summary>
    Buy = 1,

    /// <summary>A sell: removes contracts.</summary>
    Sell = 2,
}
