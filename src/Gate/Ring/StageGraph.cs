using System.Diagnostics;
using RiskGate.Gate.Idle;

namespace RiskGate.Gate.Ring;

/// <summary>
/// The consumers of one ring as a dependency graph of stages: stages added without dependencies run in
/// parallel on the producers' sequence, later stages may depend on several earlier ones (the gate uses
/// journal ∥ risk → egress), and producers are gated by the slowest last stage.
/// </summary>
/// <remarks>
/// <para>Threads: build and <see cref="Start"/> on one configuring thread, before producers publish;
/// <see cref="Halt"/> and <see cref="Drain"/> from any thread other than the stages' own.</para>
/// <para>Lifecycle: Start once; Halt stops every stage after its current batch; Drain waits until every
/// last stage has processed everything published when it was called, then halts.</para>
/// </remarks>
/// <typeparam name="T">The slot type.</typeparam>
public sealed class StageGraph<T>
    where T : struct
{
    private readonly RingBuffer<T> _ring;
    private readonly Sequencer _sequencer;
    private readonly List<IEventProcessor> _stages = [];
    private readonly HashSet<IEventProcessor> _dependedOn = [];
    private bool _started;

    /// <summary>Creates an empty graph over <paramref name="ring"/> and its <paramref name="sequencer"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The ring and sequencer capacities differ.</exception>
    public StageGraph(RingBuffer<T> ring, Sequencer sequencer)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(sequencer);
        if (ring.Capacity != sequencer.Capacity)
        {
            throw new ArgumentException("The ring and the sequencer must have the same capacity.", nameof(sequencer));
        }

        _ring = ring;
        _sequencer = sequencer;
    }

    /// <summary>The stages in the order they were added.</summary>
    public IReadOnlyList<IEventProcessor> Stages => _stages;

    /// <summary>
    /// Adds a stage that processes each event after every stage in <paramref name="dependsOn"/> has (after the
    /// producers when it is empty). Configuring thread, before <see cref="Start"/>.
    /// </summary>
    /// <param name="name">Stage and thread name.</param>
    /// <param name="handler">The stage's handler (copied).</param>
    /// <param name="idle">The stage's idle strategy (copied).</param>
    /// <param name="dependsOn">Earlier stages of this graph; empty for a first stage.</param>
    /// <param name="maxBatchSize">Most events per batch; 0 means the ring capacity.</param>
    /// <param name="policy">Exception policy; null means halt.</param>
    /// <param name="coalescePauses">Batch coalescing while streaming (see <see cref="BatchCoalescing"/>); 0 turns it off.</param>
    /// <returns>The stage's processor.</returns>
    /// <exception cref="InvalidOperationException">The graph was already started.</exception>
    /// <exception cref="ArgumentException">A dependency is not a stage of this graph.</exception>
    public BatchEventProcessor<T, THandler, TIdle> AddStage<THandler, TIdle>(
        string name,
        THandler handler,
        TIdle idle,
        IEventProcessor[]? dependsOn = null,
        int maxBatchSize = 0,
        IExceptionPolicy? policy = null,
        int coalescePauses = BatchCoalescing.DefaultPauses)
        where THandler : struct, IStageHandler<T>
        where TIdle : struct, IIdleStrategy
    {
        if (_started)
        {
            ThrowHelper.ThrowInvalidState("Stages cannot be added after the graph started.");
        }

        dependsOn ??= [];
        var barrierSequences = new Sequence[dependsOn.Length];
        for (var i = 0; i < dependsOn.Length; i++)
        {
            var dependency = dependsOn[i];
            if (dependency is null || !_stages.Contains(dependency))
            {
                throw new ArgumentException("Every dependency must be a stage already added to this graph.", nameof(dependsOn));
            }

            barrierSequences[i] = dependency.Sequence;
        }

        var processor = new BatchEventProcessor<T, THandler, TIdle>(
            name, _ring, _sequencer, _sequencer.NewBarrier(barrierSequences), handler, idle, maxBatchSize, policy, coalescePauses);
        foreach (var dependency in dependsOn)
        {
            _dependedOn.Add(dependency);
        }

        _stages.Add(processor);
        return processor;
    }

    /// <summary>
    /// Gates the producers on the last stages (those no other stage depends on) and starts every stage's
    /// thread. Configuring thread, once, before producers publish.
    /// </summary>
    /// <exception cref="InvalidOperationException">Already started, or no stage.</exception>
    public void Start()
    {
        if (_started || _stages.Count == 0)
        {
            ThrowHelper.ThrowInvalidState(_started ? "The graph was already started." : "The graph has no stage.");
        }

        _started = true;
        var leaves = new List<Sequence>();
        foreach (var stage in _stages)
        {
            if (!_dependedOn.Contains(stage))
            {
                leaves.Add(stage.Sequence);
            }
        }

        _sequencer.SetGatingSequences([.. leaves]);
        foreach (var stage in _stages)
        {
            stage.Start();
        }
    }

    /// <summary>Stops every stage after its current batch and joins the threads.</summary>
    /// <returns>True when every thread ended within <paramref name="timeout"/> (each stage gets the full timeout).</returns>
    public bool Halt(TimeSpan timeout)
    {
        var all = true;
        foreach (var stage in _stages)
        {
            all &= stage.Halt(timeout);
        }

        return all;
    }

    /// <summary>
    /// Waits until every stage has processed everything claimed before this call (producers should have
    /// stopped), then halts the graph. Stops early if a stage halted on a fault.
    /// </summary>
    /// <returns>True when everything was processed and every thread ended within <paramref name="timeout"/>;
    /// false on timeout or fault (the graph is halted either way).</returns>
    public bool Drain(TimeSpan timeout)
    {
        var target = _sequencer.Cursor.Value;
        var watch = Stopwatch.StartNew();
        var drained = true;
        while (true)
        {
            var lowest = long.MaxValue;
            var faulted = false;
            foreach (var stage in _stages)
            {
                lowest = Math.Min(lowest, stage.Sequence.Value);
                faulted |= stage.Fault is not null;
            }

            if (lowest >= target)
            {
                break;
            }

            if (faulted || watch.Elapsed > timeout)
            {
                drained = false;
                break;
            }

            Thread.Sleep(1);
        }

        var remaining = timeout - watch.Elapsed;
        return Halt(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero) && drained;
    }
}
