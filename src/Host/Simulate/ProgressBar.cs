using System.Globalization;

namespace RiskGate.Host.Simulate;

/// <summary>
/// Progress on stderr: a redrawn bar when stderr is a terminal, otherwise a plain line every 10 %.
/// Main thread only; allocates a string per redraw (a few dozen per run, off the gate's threads).
/// </summary>
internal sealed class ProgressBar(TextWriter writer, bool interactive, bool quiet, string label)
{
    private const int Width = 40;
    private int _lastTenth = -1;
    private int _lastCells = -1;

    /// <summary>Shows <paramref name="done"/> of <paramref name="total"/>.</summary>
    public void Update(long done, long total)
    {
        if (quiet || total <= 0)
        {
            return;
        }

        var fraction = Math.Clamp((double)done / total, 0, 1);
        if (interactive)
        {
            var cells = (int)(fraction * Width);
            if (cells == _lastCells && done != total)
            {
                return;
            }

            _lastCells = cells;
            writer.Write("\r" + label + " [" + new string('#', cells) + new string('.', Width - cells) + "] "
                + (100 * fraction).ToString("F0", CultureInfo.InvariantCulture).PadLeft(3) + " %  "
                + done.ToString("N0", CultureInfo.InvariantCulture) + " / " + total.ToString("N0", CultureInfo.InvariantCulture));
            writer.Flush();
            return;
        }

        var tenth = (int)(fraction * 10);
        if (tenth > _lastTenth)
        {
            _lastTenth = tenth;
            writer.WriteLine(label + " " + (tenth * 10).ToString(CultureInfo.InvariantCulture) + " %  "
                + done.ToString("N0", CultureInfo.InvariantCulture) + " / " + total.ToString("N0", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Ends the bar's line.</summary>
    public void Finish()
    {
        if (!quiet && interactive)
        {
            writer.WriteLine();
        }
    }
}
