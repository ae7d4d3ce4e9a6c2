using System.Runtime.InteropServices;

namespace RiskGate.Gate.Pipeline;

/// <summary>
/// Per-stage diagnostics sampled once per batch by the stage threads: the bytes each stage thread has
/// allocated so far (<see cref="GC.GetAllocatedBytesForCurrentThread"/>), so tests and harnesses can prove
/// zero allocation per thread, exactly, without the noise of other threads of the process.
/// </summary>
/// <remarks>Each field has one writer (its stage thread, release store at batch end); any thread reads
/// (acquire). The two fields sit on separate 128-byte lines.</remarks>
[StructLayout(LayoutKind.Explicit, Size = 384)]
public struct StageCounters
{
    /// <summary>Bytes the risk stage thread had allocated at the end of its last batch.</summary>
    [FieldOffset(128)]
    public long RiskAllocatedBytes;

    /// <summary>Bytes the egress stage thread had allocated at the end of its last batch.</summary>
    [FieldOffset(256)]
    public long EgressAllocatedBytes;
}
