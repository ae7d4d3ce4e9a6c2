namespace RiskGate.Engine.State;

/// <summary>
/// Capacities of the <see cref="AccountStore"/>: everything is pre-allocated from these at start-up.
/// Immutable; any thread may read it. Construction throws naming the setting when out of range.
/// </summary>
public sealed class AccountStoreOptions
{
    /// <summary>Creates the options.</summary>
    /// <param name="maxAccounts">Number of accounts (dense indices 0..max−1), in [1, 1048576].</param>
    /// <param name="maxPositionsPerAccount">Instruments an account may hold or work at once, in [1, 4096].</param>
    /// <param name="maxGroupsPerAccount">Product groups an account may hold or work at once, in [1, 64].</param>
    public AccountStoreOptions(int maxAccounts, int maxPositionsPerAccount = 64, int maxGroupsPerAccount = 8)
    {
        if (maxAccounts is < 1 or > 1 << 20)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(maxAccounts), maxAccounts, "max accounts must be in [1, 1048576].");
        }

        if (maxPositionsPerAccount is < 1 or > 4096)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(maxPositionsPerAccount), maxPositionsPerAccount, "max positions per account must be in [1, 4096].");
        }

        if (maxGroupsPerAccount is < 1 or > 64)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(maxGroupsPerAccount), maxGroupsPerAccount, "max groups per account must be in [1, 64].");
        }

        MaxAccounts = maxAccounts;
        MaxPositionsPerAccount = maxPositionsPerAccount;
        MaxGroupsPerAccount = maxGroupsPerAccount;
    }

    /// <summary>Number of accounts.</summary>
    public int MaxAccounts { get; }

    /// <summary>Instruments an account may hold or work at once.</summary>
    public int MaxPositionsPerAccount { get; }

    /// <summary>Product groups an account may hold or work at once.</summary>
    public int MaxGroupsPerAccount { get; }
}
