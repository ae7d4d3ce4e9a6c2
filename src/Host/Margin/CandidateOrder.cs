namespace RiskGate.Host.Margin;

/// <summary>A what-if order read from the input file.</summary>
internal sealed record CandidateOrder(string Id, string Symbol, int Instrument, bool IsBuy, long Quantity, double Price)
{
    /// <summary>Quantity signed by side (positive buys).</summary>
    public long SignedQuantity => IsBuy ? Quantity : -Quantity;
}
