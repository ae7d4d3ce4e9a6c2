using RiskGate.Engine.Margin;

namespace RiskGate.Engine.Tests.Margin;

public class MarginCalculatorPropertyTests
{
    [Fact]
    public void Compute_RandomPortfolioPairs_ScanRiskIsSubadditiveAndVectorsAdd()
    {
        var book = new TestBook();
        var instruments = new List<int> { book.EsZ, book.EsH, book.NqZ };
        instruments.AddRange(book.OptionList);
        var random = new Random(20_261_124);
        var a = new Portfolio(book.Instruments);
        var b = new Portfolio(book.Instruments);
        var ab = new Portfolio(book.Instruments);
        var ra = book.Calculator.CreateBreakdown();
        var rb = book.Calculator.CreateBreakdown();
        var rab = book.Calculator.CreateBreakdown();

        for (var trial = 0; trial < 3_000; trial++)
        {
            a.Clear();
            b.Clear();
            ab.Clear();
            Fill(a, random, instruments);
            Fill(b, random, instruments);
            foreach (var i in instruments)
            {
                ab.SetPosition(i, a.Quantity(i) + b.Quantity(i), 1);
            }

            book.Calculator.Compute(a, book.Market, ra);
            book.Calculator.Compute(b, book.Market, rb);
            book.Calculator.Compute(ab, book.Market, rab);

            Assert.True(rab.Maintenance <= ra.Maintenance + rb.Maintenance + 1e-6, "trial " + trial);
            for (var g = 0; g < 2; g++)
            {
                var gab = rab.Groups[g];
                Assert.True(gab.ScanRisk <= ra.Groups[g].ScanRisk + rb.Groups[g].ScanRisk + 1e-6, "trial " + trial);
                for (var s = 0; s < gab.ScenarioCount && gab.HasPositions; s++)
                {
                    var sum = (ra.Groups[g].HasPositions ? ra.Groups[g].ScenarioPnl[s] : 0) + (rb.Groups[g].HasPositions ? rb.Groups[g].ScenarioPnl[s] : 0);
                    Assert.Equal(sum, gab.ScenarioPnl[s], 6);
                }
            }
        }
    }

    private static void Fill(Portfolio p, Random random, List<int> instruments)
    {
        var legs = random.Next(1, 6);
        for (var k = 0; k < legs; k++)
        {
            var i = instruments[random.Next(instruments.Count)];
            p.SetPosition(i, p.Quantity(i) + random.Next(-5, 6), 1);
        }
    }
}
