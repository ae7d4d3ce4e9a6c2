namespace RiskGate.Host.Simulate;

/// <summary>
/// A pre-generated session: every message encoded back to back (packed; at most 96 bytes each, the
/// largest inline message), with its offset, length and kind, plus what the generator knows about the final market.
/// Generated before timing starts; read-only afterwards, so any thread may read it.
/// </summary>
internal sealed class SimulatedSession
{
    /// <summary>Largest encoded message.</summary>
    public const int Stride = RiskGate.Protocol.ProtocolInfo.MaxInlineMessageLength;

    /// <summary>Creates an empty session with room for <paramref name="capacity"/> messages.</summary>
    public SimulatedSession(SessionUniverse universe, ulong seed, int accounts, int capacity)
    {
        Universe = universe;
        Seed = seed;
        Accounts = accounts;
        // Uninitialised: pages past the packed end are never touched, so never committed.
        Buffer = GC.AllocateUninitializedArray<byte>(checked(capacity * Stride));
        Offsets = new int[capacity];
        Lengths = new short[capacity];
        Kinds = new SessionMessageKind[capacity];
        Styles = new AccountStyle[accounts];
        FinalPrices = new double[universe.Futures.Count];
        FinalVolFactors = new double[universe.Futures.Count];
    }

    /// <summary>The product set.</summary>
    public SessionUniverse Universe { get; }

    /// <summary>The seed the session was generated from.</summary>
    public ulong Seed { get; }

    /// <summary>Number of accounts (ids 1..Accounts).</summary>
    public int Accounts { get; }

    /// <summary>Encoded messages, packed.</summary>
    public byte[] Buffer { get; }

    /// <summary>Start of each message in <see cref="Buffer"/>.</summary>
    public int[] Offsets { get; }

    /// <summary>Encoded length of each message.</summary>
    public short[] Lengths { get; }

    /// <summary>Kind of each message.</summary>
    public SessionMessageKind[] Kinds { get; }

    /// <summary>Trading style of account id a + 1 at index a.</summary>
    public AccountStyle[] Styles { get; }

    /// <summary>Futures prices at the end of the path, by future slot.</summary>
    public double[] FinalPrices { get; }

    /// <summary>Vol level factors at the end of the path, by future slot (1 = the starting smile).</summary>
    public double[] FinalVolFactors { get; }

    /// <summary>Messages generated.</summary>
    public int Count { get; set; }

    /// <summary>Messages at the start that set up accounts (limits and start-of-day cash).</summary>
    public int SetupCount { get; set; }

    /// <summary>The message at <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Message(int index) => Buffer.AsSpan(Offsets[index], Lengths[index]);

    /// <summary>Counts messages of one kind.</summary>
    public int CountOf(SessionMessageKind kind)
    {
        var n = 0;
        for (var i = 0; i < Count; i++)
        {
            if (Kinds[i] == kind)
            {
                n++;
            }
        }

        return n;
    }
}
