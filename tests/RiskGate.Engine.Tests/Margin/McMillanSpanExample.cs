namespace RiskGate.Engine.Tests.Margin;

/// <summary>
/// The SPAN worked example of L. G. McMillan, <i>Options as a Strategic Investment</i>, chapter 34
/// ("Futures and Futures Options", pp. 668–670): S&amp;P 500 futures ($500 per point), price scan range
/// $10,000 (20 points), extreme move 14 points ($7,000 = 2 × range × 35%), Dec 410 call.
/// </summary>
/// <remarks>
/// Every number below is published in the book, as profit/loss of one long contract (gains positive)
/// in the standard 16-scenario order. The risk arrays are the same numbers negated (losses positive).
/// Published results: long future 10,000; long call 3,990 (scenario 14, "down 3/3, vol down");
/// covered write (long future, short call) 6,620 (scenario 13), versus 18,060 margined separately.
/// Derived here, not printed as such: the short call's own requirement, 8,060 at scenario 11 (the
/// largest gain of the long call, which the book's covered-write table shows as the short call's −8,060).
/// </remarks>
internal static class McMillanSpanExample
{
    public const double PriceScanRange = 20; // points: $10,000 / $500
    public const double Multiplier = 500;

    /// <summary>Published P&amp;L of one long S&amp;P future (book, p. 668).</summary>
    public static readonly double[] FuturePnl =
        [0, 0, 3_330, 3_330, -3_330, -3_330, 6_670, 6_670, -6_670, -6_670, 10_000, 10_000, -10_000, -10_000, 7_000, -7_000];

    /// <summary>Published P&amp;L of one long Dec 410 call (book, p. 669).</summary>
    public static readonly double[] CallPnl =
        [460, -610, 2_640, 1_730, -1_270, -2_340, 5_210, 4_540, -2_540, -3_430, 8_060, 7_640, -3_380, -3_990, 3_130, -1_500];

    /// <summary>Published covered-write P&amp;L (book, p. 670), the check on the netting.</summary>
    public static readonly double[] CoveredWritePnl =
        [-460, 610, 690, 1_600, -2_060, -990, 1_460, 2_130, -4_130, -3_240, 1_940, 2_360, -6_620, -6_010, 3_870, -5_500];

    public static double[] Losses(double[] pnl)
    {
        var losses = new double[pnl.Length];
        for (var s = 0; s < pnl.Length; s++)
        {
            losses[s] = -pnl[s];
        }

        return losses;
    }
}
