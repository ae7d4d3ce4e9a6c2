using RiskGate.Engine.Instruments;

namespace RiskGate.Engine.Margin;

/// <summary>
/// An account's positions (signed whole contracts and average trade price per instrument) and its
/// cash collateral. Dense arrays sized from the instrument table plus a compact list of held
/// instruments, so iterating a portfolio costs its number of positions, not the table size.
/// </summary>
/// <remarks>
/// Single owner: one thread mutates and reads it. Nothing here allocates after construction.
/// Cash moves only through <see cref="Cash"/> and <see cref="Trade"/>: an option trade pays or
/// receives the premium, a futures trade that reduces a position realises its P&amp;L into cash.
/// </remarks>
public sealed class Portfolio
{
    private readonly InstrumentTable _instruments;
    private readonly long[] _quantity;
    private readonly double[] _price;
    private readonly int[] _slot;
    private readonly int[] _held;
    private int _heldCount;

    /// <summary>Creates an empty portfolio over the instruments of <paramref name="instruments"/>.</summary>
    public Portfolio(InstrumentTable instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        _instruments = instruments;
        _quantity = new long[instruments.Capacity];
        _price = new double[instruments.Capacity];
        _slot = new int[instruments.Capacity];
        _slot.AsSpan().Fill(-1);
        _held = new int[instruments.Capacity];
    }

    /// <summary>Cash collateral, account currency.</summary>
    public double Cash { get; set; }

    /// <summary>Number of instruments with a non-zero position.</summary>
    public int HeldCount => _heldCount;

    /// <summary>The instrument of the k-th held position, k in [0, <see cref="HeldCount"/>), in no particular order.</summary>
    public int HeldInstrument(int k) => _held[k];

    /// <summary>Signed position in contracts (positive long).</summary>
    public long Quantity(int instrument) => _quantity[instrument];

    /// <summary>Average trade price of the open position (0 when flat).</summary>
    public double AveragePrice(int instrument) => _price[instrument];

    /// <summary>Sets a position directly (loading a book: no cash moves); quantity 0 removes it.</summary>
    public void SetPosition(int instrument, long quantity, double averagePrice)
    {
        _ = _instruments[instrument];
        if (!double.IsFinite(averagePrice))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(averagePrice), averagePrice, "average price must be finite.");
        }

        Store(instrument, quantity, quantity == 0 ? 0 : averagePrice);
    }

    /// <summary>
    /// Applies a fill of <paramref name="signedQuantity"/> contracts (positive buys) at
    /// <paramref name="price"/>: options pay (buy) or receive (sell) premium × multiplier from cash;
    /// futures realise (price − average) × closed contracts × multiplier into cash when reducing.
    /// </summary>
    public void Trade(int instrument, long signedQuantity, double price)
    {
        ref readonly var inst = ref _instruments[instrument];
        if (!double.IsFinite(price))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(price), price, "trade price must be finite.");
        }

        if (signedQuantity == 0)
        {
            return;
        }

        var old = _quantity[instrument];
        var oldPrice = _price[instrument];
        var next = checked(old + signedQuantity);
        var m = inst.Multiplier;
        if (inst.IsOption)
        {
            Cash -= signedQuantity * price * m;
        }
        else if (old != 0 && Math.Sign(old) != Math.Sign(signedQuantity))
        {
            var closed = Math.Min(Math.Abs(old), Math.Abs(signedQuantity));
            Cash += closed * (price - oldPrice) * m * Math.Sign(old);
        }

        double average;
        if (next == 0)
        {
            average = 0;
        }
        else if (old == 0 || Math.Sign(next) != Math.Sign(old))
        {
            average = price;
        }
        else if (Math.Abs(next) > Math.Abs(old))
        {
            average = (old * oldPrice + signedQuantity * price) / next;
        }
        else
        {
            average = oldPrice;
        }

        Store(instrument, next, average);
    }

    /// <summary>Makes this portfolio an exact copy of <paramref name="other"/> (same instrument table); allocates nothing.</summary>
    public void CopyFrom(Portfolio other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!ReferenceEquals(other._instruments, _instruments))
        {
            ThrowHelper.Argument(nameof(other), "portfolios must share an instrument table.");
        }

        Clear();
        for (var k = 0; k < other._heldCount; k++)
        {
            var i = other._held[k];
            Store(i, other._quantity[i], other._price[i]);
        }

        Cash = other.Cash;
    }

    /// <summary>Removes every position and sets cash to zero.</summary>
    public void Clear()
    {
        for (var k = 0; k < _heldCount; k++)
        {
            var i = _held[k];
            _quantity[i] = 0;
            _price[i] = 0;
            _slot[i] = -1;
        }

        _heldCount = 0;
        Cash = 0;
    }

    private void Store(int instrument, long quantity, double price)
    {
        var slot = _slot[instrument];
        if (quantity == 0)
        {
            if (slot >= 0)
            {
                var last = _held[--_heldCount];
                _held[slot] = last;
                _slot[last] = slot;
                _slot[instrument] = -1;
            }
        }
        else if (slot < 0)
        {
            _slot[instrument] = _heldCount;
            _held[_heldCount++] = instrument;
        }

        _quantity[instrument] = quantity;
        _price[instrument] = price;
    }
}
