using System.Globalization;
using System.Text.Json;

namespace RiskGate.Host.Margin;

/// <summary>
/// A JSON value together with its path in the document, so every validation failure can name the
/// field it concerns. Reading helpers throw <see cref="MarginInputException"/>. Main thread only.
/// </summary>
internal readonly struct JsonField
{
    public JsonField(JsonElement element, string path)
    {
        Element = element;
        Path = path;
    }

    public JsonElement Element { get; }

    public string Path { get; }

    public JsonField Required(string name)
    {
        ExpectKind(JsonValueKind.Object, "an object");
        if (!Element.TryGetProperty(name, out var value))
        {
            throw new MarginInputException(Path + "." + name, "missing required field");
        }

        return new JsonField(value, Path + "." + name);
    }

    public bool TryGet(string name, out JsonField field)
    {
        ExpectKind(JsonValueKind.Object, "an object");
        if (Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            field = new JsonField(value, Path + "." + name);
            return true;
        }

        field = default;
        return false;
    }

    /// <summary>Rejects fields not in <paramref name="allowed"/> (catches typos such as "quantitiy").</summary>
    public void AllowOnly(params string[] allowed)
    {
        ExpectKind(JsonValueKind.Object, "an object");
        foreach (var p in Element.EnumerateObject())
        {
            if (Array.IndexOf(allowed, p.Name) < 0)
            {
                throw new MarginInputException(Path + "." + p.Name, "unknown field (allowed: " + string.Join(", ", allowed) + ")");
            }
        }
    }

    public double Number()
    {
        ExpectKind(JsonValueKind.Number, "a number");
        var v = Element.GetDouble();
        if (!double.IsFinite(v))
        {
            throw new MarginInputException(Path, "must be a finite number");
        }

        return v;
    }

    /// <summary>A number in [min, max] (or (min, max] when <paramref name="minExclusive"/>).</summary>
    public double Number(double min, double max, bool minExclusive = false)
    {
        var v = Number();
        if (v < min || v > max || (minExclusive && v == min))
        {
            throw new MarginInputException(Path, "must be in " + (minExclusive ? "(" : "[") + Format(min) + ", " + Format(max) + "], got " + Format(v));
        }

        return v;
    }

    public double Number(string name, double fallback, double min, double max, bool minExclusive = false)
        => TryGet(name, out var f) ? f.Number(min, max, minExclusive) : fallback;

    public long Integer()
    {
        ExpectKind(JsonValueKind.Number, "a whole number");
        if (!Element.TryGetInt64(out var v))
        {
            throw new MarginInputException(Path, "must be a whole number, got " + Element.GetRawText());
        }

        return v;
    }

    public string String()
    {
        ExpectKind(JsonValueKind.String, "a string");
        var s = Element.GetString()!;
        if (s.Length == 0)
        {
            throw new MarginInputException(Path, "must not be empty");
        }

        return s;
    }

    /// <summary>One of <paramref name="choices"/>, case-insensitive; returns its index.</summary>
    public int Choice(params string[] choices)
    {
        var s = String();
        for (var i = 0; i < choices.Length; i++)
        {
            if (string.Equals(s, choices[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new MarginInputException(Path, "must be one of " + string.Join(", ", choices) + ", got '" + s + "'");
    }

    public int Choice(string name, int fallback, params string[] choices)
        => TryGet(name, out var f) ? f.Choice(choices) : fallback;

    public IEnumerable<JsonField> Items()
    {
        ExpectKind(JsonValueKind.Array, "an array");
        var i = 0;
        foreach (var e in Element.EnumerateArray())
        {
            yield return new JsonField(e, Path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]");
            i++;
        }
    }

    public int Length
    {
        get
        {
            ExpectKind(JsonValueKind.Array, "an array");
            return Element.GetArrayLength();
        }
    }

    public IEnumerable<(string Name, JsonField Value)> Properties()
    {
        ExpectKind(JsonValueKind.Object, "an object");
        foreach (var p in Element.EnumerateObject())
        {
            yield return (p.Name, new JsonField(p.Value, Path + "." + p.Name));
        }
    }

    public double[] Numbers()
    {
        var values = new double[Length];
        var i = 0;
        foreach (var item in Items())
        {
            values[i++] = item.Number();
        }

        return values;
    }

    public MarginInputException Error(string reason) => new(Path, reason);

    public static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private void ExpectKind(JsonValueKind kind, string what)
    {
        if (Element.ValueKind != kind)
        {
            throw new MarginInputException(Path, "must be " + what + ", got " + Describe(Element.ValueKind));
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
