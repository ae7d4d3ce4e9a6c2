using System.Numerics;
using RiskGate.Engine.Instruments;
using RiskGate.Engine.Pricing;

namespace RiskGate.Engine.Scenarios;

/// <summary>
/// Storage shared by the scan and the joint risk-array tables: per instrument, one row of
/// <see cref="RowStride"/> doubles for each of losses, deltas, gammas and vegas (instrument-major, zero
/// past the row's length, so whole <see cref="Vector{T}"/> lanes can be added without a tail), and the
/// centre values. What a row's cells mean (scan nodes or joint scenarios) is the derived table's.
/// </summary>
/// <remarks>Single owner: written and read on the engine's thread. Everything is allocated here.</remarks>
public abstract class InstrumentRiskRows
{
    private protected readonly InstrumentTable _instruments;
    private protected readonly double[] _loss;
    private protected readonly double[] _delta;
    private protected readonly double[] _gamma;
    private protected readonly double[] _vega;
    private protected readonly double[] _value;
    private protected readonly double[] _centreDelta;
    private protected readonly double[] _centreGamma;
    private protected readonly double[] _centreVega;
    private protected readonly double[] _deltaEquivalent;

    /// <summary>Rows for every instrument <paramref name="instruments"/> can hold, <paramref name="rowLength"/> cells each (rounded up to SIMD lanes).</summary>
    private protected InstrumentRiskRows(InstrumentTable instruments, int rowLength)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        _instruments = instruments;
        var lanes = Vector<double>.Count;
        RowStride = (rowLength + lanes - 1) / lanes * lanes;
        var capacity = instruments.Capacity;
        var cells = checked(capacity * RowStride);
        _loss = new double[cells];
        _delta = new double[cells];
        _gamma = new double[cells];
        _vega = new double[cells];
        _value = new double[capacity];
        _centreDelta = new double[capacity];
        _centreGamma = new double[capacity];
        _centreVega = new double[capacity];
        _deltaEquivalent = new double[capacity];
    }

    /// <summary>Doubles per instrument row: the largest row length rounded up to whole SIMD lanes.</summary>
    public int RowStride { get; }

    /// <summary>Loss of one long contract per cell (<see cref="RowStride"/> long, zero past the row's length; positive is a loss).</summary>
    public ReadOnlySpan<double> Losses(int instrument) => new(_loss, instrument * RowStride, RowStride);

    /// <summary>Delta of one contract at each cell's shocked state, times the multiplier.</summary>
    public ReadOnlySpan<double> Deltas(int instrument) => new(_delta, instrument * RowStride, RowStride);

    /// <summary>Gamma of one contract at each cell's shocked state, times the multiplier.</summary>
    public ReadOnlySpan<double> Gammas(int instrument) => new(_gamma, instrument * RowStride, RowStride);

    /// <summary>Vega (per 1.00 of vol) of one contract at each cell's shocked state, times the multiplier.</summary>
    public ReadOnlySpan<double> Vegas(int instrument) => new(_vega, instrument * RowStride, RowStride);

    /// <summary>Market value of one long contract now (option premium × multiplier; 0 for a future).</summary>
    public double Value(int instrument) => _value[instrument];

    /// <summary>Delta of one contract now, times the multiplier.</summary>
    public double CentreDelta(int instrument) => _centreDelta[instrument];

    /// <summary>Gamma of one contract now, times the multiplier.</summary>
    public double CentreGamma(int instrument) => _centreGamma[instrument];

    /// <summary>Vega of one contract now, times the multiplier.</summary>
    public double CentreVega(int instrument) => _centreVega[instrument];

    /// <summary>Delta of one contract in contracts of its underlying future (1 for a future).</summary>
    public double DeltaEquivalent(int instrument) => _deltaEquivalent[instrument];

    /// <summary>Centre values of a future: no premium, delta of one contract (its multiplier), one future equivalent.</summary>
    private protected void SetFutureCentre(int instrument, double multiplier)
    {
        _value[instrument] = 0;
        _centreDelta[instrument] = multiplier;
        _centreGamma[instrument] = 0;
        _centreVega[instrument] = 0;
        _deltaEquivalent[instrument] = 1;
    }

    /// <summary>Centre values of an option from its Greeks now, in money, and its delta in contracts of its underlying future.</summary>
    private protected void SetOptionCentre(int instrument, in OptionGreeks now, double multiplier, double underlyingMultiplier)
    {
        _value[instrument] = now.Price * multiplier;
        _centreDelta[instrument] = now.Delta * multiplier;
        _centreGamma[instrument] = now.Gamma * multiplier;
        _centreVega[instrument] = now.Vega * multiplier;
        _deltaEquivalent[instrument] = now.Delta * multiplier / underlyingMultiplier;
    }
}
