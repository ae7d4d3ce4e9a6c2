using System.Globalization;
using System.Text.Json;
using RiskGate.Engine.Instruments;
using RiskGate.Engine.Joint;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Host.Margin;

/// <summary>
/// Reads and validates the <c>riskgate margin</c> input file (format in the README). Every failure is
/// a <see cref="MarginInputException"/> naming the JSON path of the field. Main thread only.
/// </summary>
internal static class MarginInputReader
{
    private const double ExpiryMatchYears = 1e-9;

    /// <summary>Scan parameters given to an expected_shortfall group that names none: SPAN 16 points, 6% / 25% relative ranges, one day look-ahead.</summary>
    private static readonly ScanParameters DefaultJointScan = new(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);

    public static MarginInput Parse(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? " at line " + (line + 1).ToString(CultureInfo.InvariantCulture) + ", byte " + ((e.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture) : "";
            throw new MarginInputException(e.Path ?? "$", "invalid JSON" + where);
        }

        using (doc)
        {
            return Read(new JsonField(doc.RootElement, "$"));
        }
    }

    private static MarginInput Read(JsonField root)
    {
        root.AllowOnly("valuation_date", "groups", "instruments", "market", "credits", "risk_arrays", "initial_ratio", "initial_rounding", "money_precision", "cash", "positions", "orders", "joint");
        var valuationField = root.Required("valuation_date");
        var valuation = ParseDate(valuationField);

        // Groups.
        var groupsField = root.Required("groups");
        if (groupsField.Length == 0)
        {
            throw groupsField.Error("needs at least one group");
        }

        var groupNames = new List<string>();
        var pointSets = new List<string>();
        var groupParameters = new List<GroupRiskParameters>();
        var methodology = new List<MarginMethodology>();
        foreach (var g in groupsField.Items())
        {
            g.AllowOnly("name", "methodology", "scan", "spread_rate", "short_option_minimum");
            var nameField = g.Required("name");
            var name = nameField.String();
            if (groupNames.Contains(name))
            {
                throw nameField.Error("duplicate group '" + name + "'");
            }

            groupNames.Add(name);
            var isJoint = g.Choice("methodology", 0, "scan", "expected_shortfall") == 1;
            methodology.Add(isJoint ? MarginMethodology.ExpectedShortfall : MarginMethodology.Scan);

            // An ES group is not scanned; its scan parameters (optional, default DefaultJointScan) only
            // satisfy the scan calculator, which never sees its positions.
            ScanParameters scan;
            string pointSet;
            if (isJoint && !g.TryGet("scan", out _))
            {
                scan = DefaultJointScan;
                pointSet = "none";
            }
            else
            {
                scan = ReadScan(g.Required("scan"), out pointSet);
            }

            pointSets.Add(pointSet);
            groupParameters.Add(new GroupRiskParameters(
                scan,
                g.Number("spread_rate", 0, 0, 1e12),
                g.Number("short_option_minimum", 0, 0, 1e12)));
        }

        var joint = JointInputReader.Read(root, groupNames, methodology);

        // Instruments: futures first so options can name any future in the file.
        var instrumentsField = root.Required("instruments");
        if (instrumentsField.Length == 0)
        {
            throw instrumentsField.Error("needs at least one instrument");
        }

        var items = instrumentsField.Items().ToArray();
        var table = new InstrumentTable(items.Length, groupNames.Count);
        var symbols = new string[items.Length];
        var bySymbol = new Dictionary<string, int>(StringComparer.Ordinal);
        var pathOf = new string[items.Length];
        foreach (var pass in new[] { 0, 1 })
        {
            foreach (var item in items)
            {
                item.AllowOnly("symbol", "type", "group", "underlying", "right", "strike", "expiry", "multiplier", "tick");
                var typeField = item.Required("type");
                var isOption = typeField.Choice("future", "option") == 1;
                if (isOption != (pass == 1))
                {
                    continue;
                }

                var symbolField = item.Required("symbol");
                var symbol = symbolField.String();
                if (bySymbol.ContainsKey(symbol))
                {
                    throw symbolField.Error("duplicate symbol '" + symbol + "'");
                }

                var expiry = ReadExpiry(item.Required("expiry"), valuation);
                var multiplier = item.Required("multiplier").Number(0, 1e9, minExclusive: true);
                var tick = item.Required("tick").Number(0, 1e9, minExclusive: true);
                int index;
                if (!isOption)
                {
                    var groupField = item.Required("group");
                    var group = groupNames.IndexOf(groupField.String());
                    if (group < 0)
                    {
                        throw groupField.Error("unknown group '" + groupField.String() + "'");
                    }

                    index = table.AddFuture(group, expiry, multiplier, tick);
                }
                else
                {
                    var underlyingField = item.Required("underlying");
                    var underlying = Lookup(underlyingField, bySymbol, "future");
                    if (table[underlying].Kind != InstrumentKind.Future)
                    {
                        throw underlyingField.Error("'" + underlyingField.String() + "' is not a future");
                    }

                    if (item.TryGet("group", out var groupField) && groupField.String() != groupNames[table[underlying].Group])
                    {
                        throw groupField.Error("an option belongs to its underlying's group '" + groupNames[table[underlying].Group] + "'");
                    }

                    var isCall = item.Required("right").Choice("put", "call") == 1;
                    var strike = item.Required("strike").Number(0, 1e12, minExclusive: true);
                    if (expiry > table[underlying].ExpiryYears)
                    {
                        throw item.Required("expiry").Error("an option cannot expire after its underlying future");
                    }

                    index = table.AddOption(underlying, isCall, strike, expiry, multiplier, tick);
                }

                symbols[index] = symbol;
                pathOf[index] = item.Path;
                bySymbol.Add(symbol, index);
            }
        }

        // Account-level options and credits.
        var credits = new List<InterGroupCredit>();
        if (root.TryGet("credits", out var creditsField))
        {
            foreach (var c in creditsField.Items())
            {
                c.AllowOnly("groups", "rate", "delta_ratio");
                var pair = c.Required("groups");
                if (pair.Length != 2)
                {
                    throw pair.Error("must name exactly two groups");
                }

                var names = pair.Items().ToArray();
                var a = GroupIndex(names[0], groupNames);
                var b = GroupIndex(names[1], groupNames);
                if (a == b)
                {
                    throw names[1].Error("a credit pair needs two different groups");
                }

                var ratioA = 1.0;
                var ratioB = 1.0;
                if (c.TryGet("delta_ratio", out var ratio))
                {
                    if (ratio.Length != 2)
                    {
                        throw ratio.Error("must hold two numbers [deltas of the first group, deltas of the second]");
                    }

                    var r = ratio.Items().ToArray();
                    ratioA = r[0].Number(0, 1e6, minExclusive: true);
                    ratioB = r[1].Number(0, 1e6, minExclusive: true);
                }

                credits.Add(new InterGroupCredit(a, b, c.Required("rate").Number(0, 1), ratioA, ratioB));
            }
        }

        var options = new MarginOptions(
            groupParameters.ToArray(),
            credits.ToArray(),
            root.Number("initial_ratio", MarginOptions.DefaultInitialRatio, 1, 10),
            root.Number("initial_rounding", 1, 0, 1e9, minExclusive: true));
        var moneyPrecision = root.Number("money_precision", 0.01, 0, 1e9, minExclusive: true);

        // Market.
        var market = new MarketSnapshot(table.Capacity);
        var marketField = root.Required("market");
        marketField.AllowOnly("rate", "prices", "vol_surfaces");
        market.Rate = marketField.Number("rate", 0, -1, 1);
        var prices = marketField.Required("prices");
        foreach (var (name, value) in prices.Properties())
        {
            if (!bySymbol.TryGetValue(name, out var i) || table[i].Kind != InstrumentKind.Future)
            {
                throw value.Error("unknown future '" + name + "'");
            }

            market.SetPrice(i, value.Number());
        }

        for (var i = 0; i < table.Count; i++)
        {
            if (table[i].Kind == InstrumentKind.Future && double.IsNaN(market.Price(i)))
            {
                throw prices.Error("missing price for future '" + symbols[i] + "'");
            }

            if (table[i].Kind == InstrumentKind.Future && !(market.Price(i) > 0) && table.OptionCount(table[i].Group) > 0)
            {
                throw new MarginInputException(prices.Path + "." + symbols[i], "must be > 0 for a future with options");
            }
        }

        var surfaces = new List<(int Group, double Expiry, VolSmile Smile)>();
        if (marketField.TryGet("vol_surfaces", out var surfacesField))
        {
            foreach (var s in surfacesField.Items())
            {
                surfaces.Add(ReadSurface(s, groupNames, valuation));
            }
        }

        for (var i = 0; i < table.Count; i++)
        {
            ref readonly var inst = ref table[i];
            if (!inst.IsOption)
            {
                continue;
            }

            VolSmile? smile = null;
            foreach (var (group, expiry, candidate) in surfaces)
            {
                if (group == inst.Group && Math.Abs(expiry - inst.ExpiryYears) < ExpiryMatchYears)
                {
                    smile = candidate;
                }
            }

            if (smile is null)
            {
                throw new MarginInputException(pathOf[i] + ".expiry", "no entry in $.market.vol_surfaces for group '" + groupNames[inst.Group] + "' at this expiry");
            }

            market.SetSmile(i, smile);
        }

        // Externally supplied risk arrays.
        var arrays = new RiskArrayTable(table, options.MaxNodes);
        if (root.TryGet("risk_arrays", out var arraysField))
        {
            foreach (var a in arraysField.Items())
            {
                a.AllowOnly("instrument", "losses", "delta");
                var i = Lookup(a.Required("instrument"), bySymbol, "instrument");
                var lossesField = a.Required("losses");
                var losses = lossesField.Numbers();
                var nodes = options.Groups[table[i].Group].Scan.Count;
                if (losses.Length != nodes)
                {
                    throw lossesField.Error("needs one value per scan point of group '" + groupNames[table[i].Group] + "' (" + nodes.ToString(CultureInfo.InvariantCulture) + "), got " + losses.Length.ToString(CultureInfo.InvariantCulture));
                }

                if (arrays.IsExternal(i))
                {
                    throw a.Required("instrument").Error("risk array supplied twice for '" + symbols[i] + "'");
                }

                arrays.SetExternal(i, losses, a.TryGet("delta", out var delta) ? delta.Number(-1e6, 1e6) : double.NaN);
            }
        }

        // Account.
        var portfolio = new Portfolio(table) { Cash = root.Number("cash", 0, -1e15, 1e15) };
        if (root.TryGet("positions", out var positionsField))
        {
            foreach (var p in positionsField.Items())
            {
                p.AllowOnly("instrument", "quantity", "price");
                var instrumentField = p.Required("instrument");
                var i = Lookup(instrumentField, bySymbol, "instrument");
                if (portfolio.Quantity(i) != 0)
                {
                    throw instrumentField.Error("duplicate position in '" + symbols[i] + "'");
                }

                var quantityField = p.Required("quantity");
                var quantity = quantityField.Integer();
                if (quantity == 0 || Math.Abs(quantity) > 1_000_000_000)
                {
                    throw quantityField.Error("must be a non-zero whole number of contracts within ±1,000,000,000 (negative = short)");
                }

                var price = p.Required("price").Number(-1e12, 1e12);
                portfolio.SetPosition(i, quantity, price);
            }
        }

        var orders = new List<CandidateOrder>();
        if (root.TryGet("orders", out var ordersField))
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var o in ordersField.Items())
            {
                o.AllowOnly("id", "instrument", "side", "quantity", "price");
                var idField = o.Required("id");
                var id = idField.String();
                if (!ids.Add(id))
                {
                    throw idField.Error("duplicate order id '" + id + "'");
                }

                var instrumentField = o.Required("instrument");
                var i = Lookup(instrumentField, bySymbol, "instrument");
                var isBuy = o.Required("side").Choice("sell", "buy") == 1;
                var quantityField = o.Required("quantity");
                var quantity = quantityField.Integer();
                if (quantity is <= 0 or > 1_000_000_000)
                {
                    throw quantityField.Error("must be a whole number of contracts in [1, 1,000,000,000]");
                }

                var priceField = o.Required("price");
                var price = priceField.Number(-1e12, 1e12);
                if (table[i].IsOption && price < 0)
                {
                    throw priceField.Error("an option premium cannot be negative");
                }

                orders.Add(new CandidateOrder(id, symbols[i], i, isBuy, quantity, price));
            }
        }

        return new MarginInput
        {
            ValuationDate = valuation,
            GroupNames = groupNames.ToArray(),
            GroupPointSets = pointSets.ToArray(),
            Symbols = symbols,
            Instruments = table,
            Market = market,
            Options = options,
            Arrays = arrays,
            Portfolio = portfolio,
            Orders = orders,
            MoneyPrecision = moneyPrecision,
            Methodology = methodology.ToArray(),
            JointSet = joint?.Set,
            Alpha = joint?.Alpha ?? JointMarginOptions.DefaultAlpha,
        };
    }

    private static ScanParameters ReadScan(JsonField scan, out string pointSet)
    {
        scan.AllowOnly("points", "extreme_move", "extreme_weight", "price_steps", "extended_moves", "extended_weight", "price_range", "price_range_type", "vol_range", "vol_range_type", "look_ahead_days", "vol_shock_tenor_exponent", "vol_shock_reference_days");
        ScanPoint[] points;
        if (scan.TryGet("points", out var pointsField) && pointsField.Element.ValueKind == JsonValueKind.Array)
        {
            pointSet = "custom";
            if (pointsField.Length is < 1 or > ScanParameters.MaxPoints)
            {
                throw pointsField.Error("needs 1 to " + ScanParameters.MaxPoints.ToString(CultureInfo.InvariantCulture) + " scan points");
            }

            points = new ScanPoint[pointsField.Length];
            var n = 0;
            foreach (var p in pointsField.Items())
            {
                p.AllowOnly("price", "vol", "weight");
                points[n++] = new ScanPoint(
                    p.Required("price").Number(-100, 100),
                    p.Number("vol", 0, -10, 10),
                    p.Number("weight", 1, 0, 1, minExclusive: true));
            }
        }
        else
        {
            var kind = pointsField.Element.ValueKind == JsonValueKind.Undefined ? 0 : pointsField.Choice("span16", "deribit");
            if (kind == 0)
            {
                pointSet = "span16";
                points = Spans.Span16(
                    scan.Number("extreme_move", Spans.DefaultExtremeMove, 1, 100, minExclusive: true),
                    scan.Number("extreme_weight", Spans.DefaultExtremeWeight, 0, 1, minExclusive: true));
            }
            else
            {
                pointSet = "deribit";
                var steps = scan.TryGet("price_steps", out var stepsField) ? stepsField.Integer() : 9;
                if (steps is < 3 or > 41 || steps % 2 == 0)
                {
                    throw stepsField.Error("must be odd and in [3, 41]");
                }

                double[] extended = [2.0, 3.0];
                if (scan.TryGet("extended_moves", out var extendedField))
                {
                    extended = extendedField.Numbers();
                    foreach (var (m, item) in extended.Zip(extendedField.Items()))
                    {
                        if (!(m is > 1 and <= 100))
                        {
                            throw item.Error("must be in (1, 100] price ranges");
                        }
                    }
                }

                points = Spans.DeribitGrid((int)steps, extended, scan.Number("extended_weight", 0.5, 0, 1, minExclusive: true));
            }
        }

        var priceKind = scan.Choice("price_range_type", 0, "relative", "absolute") == 0 ? ScanRangeKind.Relative : ScanRangeKind.Absolute;
        var volKind = scan.Choice("vol_range_type", 0, "relative", "absolute") == 0 ? ScanRangeKind.Relative : ScanRangeKind.Absolute;
        var priceRangeField = scan.Required("price_range");
        var priceRange = priceRangeField.Number(0, priceKind == ScanRangeKind.Relative ? 1 : 1e12, minExclusive: true);
        var maxMove = 0.0;
        foreach (var p in points)
        {
            maxMove = Math.Max(maxMove, Math.Abs(p.PriceMove));
        }

        if (priceKind == ScanRangeKind.Relative && !(maxMove * priceRange < 1))
        {
            throw priceRangeField.Error("relative range × largest price move (" + JsonField.Format(maxMove) + ") must stay below 1 so prices stay positive");
        }

        var volRange = scan.Required("vol_range").Number(0, volKind == ScanRangeKind.Relative ? 0.999 : 4.999);
        var lookAheadDays = scan.Number("look_ahead_days", 1, 0, 365);
        var exponent = scan.Number("vol_shock_tenor_exponent", 0, 0, 2);
        var referenceDays = scan.Number("vol_shock_reference_days", 30, 0, 3650, minExclusive: true);
        try
        {
            return new ScanParameters(points, priceRange, priceKind, volRange, volKind, lookAheadDays / 365.0, exponent, referenceDays / 365.0);
        }
        catch (ArgumentException e)
        {
            throw scan.Error(FirstLine(e.Message));
        }
    }

    private static (int Group, double Expiry, VolSmile Smile) ReadSurface(JsonField s, List<string> groupNames, DateOnly valuation)
    {
        var group = GroupIndex(s.Required("group"), groupNames);
        var expiry = ReadExpiry(s.Required("expiry"), valuation);
        var kind = s.Required("type").Choice("flat", "svi", "grid");
        try
        {
            switch (kind)
            {
                case 0:
                    s.AllowOnly("group", "expiry", "type", "vol");
                    return (group, expiry, new FlatSmile(s.Required("vol").Number(0, 10, minExclusive: true), expiry));
                case 1:
                    s.AllowOnly("group", "expiry", "type", "a", "b", "rho", "m", "sigma");
                    if (!(expiry > 0))
                    {
                        throw s.Required("expiry").Error("an SVI smile needs an expiry after the valuation date");
                    }

                    return (group, expiry, new SviSmile(expiry, s.Required("a").Number(), s.Required("b").Number(), s.Required("rho").Number(), s.Required("m").Number(), s.Required("sigma").Number()));
                default:
                    s.AllowOnly("group", "expiry", "type", "log_moneyness", "vols");
                    if (!(expiry > 0))
                    {
                        throw s.Required("expiry").Error("a grid smile needs an expiry after the valuation date");
                    }

                    var k = s.Required("log_moneyness").Numbers();
                    var vols = s.Required("vols");
                    var v = vols.Numbers();
                    if (v.Length != k.Length || k.Length == 0)
                    {
                        throw vols.Error("needs one vol per log-moneyness point (and at least one point)");
                    }

                    return (group, expiry, new GridSmile(expiry, k, v));
            }
        }
        catch (ArgumentException e)
        {
            var field = e.ParamName switch
            {
                "a" or "b" or "rho" or "m" or "sigma" or "vol" or "vols" => "." + e.ParamName,
                "logMoneyness" => ".log_moneyness",
                _ => "",
            };
            throw new MarginInputException(s.Path + field, FirstLine(e.Message));
        }
    }

    private static double ReadExpiry(JsonField field, DateOnly valuation)
    {
        if (field.Element.ValueKind == JsonValueKind.Number)
        {
            return field.Number(0, 99);
        }

        var date = ParseDate(field);
        var days = date.DayNumber - valuation.DayNumber;
        if (days < 0)
        {
            throw field.Error("expired before the valuation date " + valuation.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (days > 99 * 365)
        {
            throw field.Error("more than 99 years after the valuation date");
        }

        return days / 365.0;
    }

    private static DateOnly ParseDate(JsonField field)
    {
        var s = field.String();
        if (!DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw field.Error("must be an ISO date yyyy-MM-dd, got '" + s + "'");
        }

        return date;
    }

    private static int GroupIndex(JsonField field, List<string> groupNames)
    {
        var name = field.String();
        var g = groupNames.IndexOf(name);
        return g >= 0 ? g : throw field.Error("unknown group '" + name + "'");
    }

    private static int Lookup(JsonField field, Dictionary<string, int> bySymbol, string what)
    {
        var symbol = field.String();
        return bySymbol.TryGetValue(symbol, out var i) ? i : throw field.Error("unknown " + what + " '" + symbol + "'");
    }

    private static string FirstLine(string message)
    {
        var cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        var line = cut >= 0 ? message[..cut] : message;
        cut = line.IndexOf('\n', StringComparison.Ordinal);
        return (cut >= 0 ? line[..cut] : line).TrimEnd('.', '\r');
    }
}
