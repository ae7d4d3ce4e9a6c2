namespace RiskGate.Host.Margin;

/// <summary>A bad <c>riskgate margin</c> input file: names the JSON path of the offending field.</summary>
internal sealed class MarginInputException : Exception
{
    /// <summary>Creates the exception for the field at <paramref name="path"/>.</summary>
    public MarginInputException(string path, string reason)
        : base(path + ": " + reason)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>Creates an empty exception (required by the exception pattern).</summary>
    public MarginInputException()
        : this("$", "invalid input")
    {
    }

    /// <summary>Creates the exception with a message only (required by the exception pattern).</summary>
    public MarginInputException(string message)
        : this("$", message)
    {
    }

    /// <summary>Creates the exception wrapping another (required by the exception pattern).</summary>
    public MarginInputException(string message, Exception innerException)
        : base("$: " + message, innerException)
    {
        Path = "$";
        Reason = message;
    }

    /// <summary>JSON path of the field, e.g. <c>$.positions[2].instrument</c>.</summary>
    public string Path { get; } = "$";

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; } = "";
}
