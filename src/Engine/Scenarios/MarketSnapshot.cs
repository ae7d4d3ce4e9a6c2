using RiskGate.Engine.Pricing;

namespace RiskGate.Engine.Scenarios;

/// <summary>
/// The market the risk arrays are built from: the price of each future, the vol smile that prices
/// each option (its group's surface at its expiry), and the discount rate. Indexed by dense
/// instrument index; unset prices are NaN.
/// </summary>
/// <remarks>Single owner: written and read on the engine's thread; no synchronisation.</remarks>
public sealed class MarketSnapshot
{
    private readonly double[] _prices;
    private readonly VolSmile?[] _smiles;
    private double _rate;

    /// <summary>Creates an empty snapshot for up to <paramref name="instrumentCapacity"/> instruments.</summary>
    public MarketSnapshot(int instrumentCapacity)
    {
        if (instrumentCapacity < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(instrumentCapacity), instrumentCapacity, "instrument capacity must be >= 1.");
        }

        _prices = new double[instrumentCapacity];
        _prices.AsSpan().Fill(double.NaN);
        _smiles = new VolSmile?[instrumentCapacity];
    }

    /// <summary>Continuously compounded discount rate for option premiums, in [−1, 1].</summary>
    public double Rate
    {
        get => _rate;
        set
        {
            if (!(value is >= -1 and <= 1))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(Rate), value, "rate must be in [-1, 1].");
            }

            _rate = value;
        }
    }

    /// <summary>Sets the price of a future (any finite number: futures can trade below zero).</summary>
    public void SetPrice(int future, double price)
    {
        if (!double.IsFinite(price))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(price), price, "price must be finite.");
        }

        _prices[future] = price;
    }

    /// <summary>The price of a future; NaN when never set.</summary>
    public double Price(int future) => _prices[future];

    /// <summary>Sets the smile that prices an option.</summary>
    public void SetSmile(int option, VolSmile smile)
    {
        ArgumentNullException.ThrowIfNull(smile);
        _smiles[option] = smile;
    }

    /// <summary>The smile of an option; null when never set.</summary>
    public VolSmile? Smile(int option) => _smiles[option];
}
