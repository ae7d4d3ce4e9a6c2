using RiskGate.Engine;
using RiskGate.Gate.Pipeline;

namespace RiskGate.Gate.Api;

/// <summary>
/// Direct mode for a single-threaded host (a matching engine that already owns a thread): the same
/// decode → check → decision path as the ring's risk stage (<see cref="MessageRouter"/>), inline on the
/// caller's thread. No ring, no threads, no hand-off; decisions and alerts are identical to a
/// <see cref="GatePipeline{THandler}"/> fed the same messages in the same order.
/// </summary>
/// <remarks>
/// <para><b>Thread</b>: one thread for the life of the gate (it becomes the engine's single writer). Not thread-safe.</para>
/// <para>Input sequences count from 0 per <see cref="Submit"/> call, like ring sequences; outbound sequences
/// count from 1 across decisions and wire alerts, like the pipeline's egress.</para>
/// <para><b>Allocation</b>: none per message after start-up (only a RiskParameters that changes a group's scan
/// set, spread charge or short option minimum allocates that group's new parameter objects). Messages of any
/// size are decided inline: no large-message pool is needed.</para>
/// </remarks>
public sealed class DirectGate
{
    private readonly MessageRouter _router;
    private readonly GateAlert[] _alerts;
    private int _alertCount;
    private long _alertsDropped;
    private long _nextInput;
    private long _outbound;

    /// <summary>Creates a direct-mode gate with its own engine.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names it).</exception>
    public DirectGate(GateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Engine = new RiskEngine(options.Engine!);
        _router = new MessageRouter(Engine, options.SweepInterval, options.SweepAccounts);
        _alerts = new GateAlert[options.AlertQueueSize];
    }

    /// <summary>The options.</summary>
    public GateOptions Options { get; }

    /// <summary>The engine (read its state on the gate's thread only).</summary>
    public RiskEngine Engine { get; }

    /// <summary>The alerts raised by the last <see cref="Submit"/>, in order; valid until the next call.</summary>
    public ReadOnlySpan<GateAlert> Alerts => new(_alerts, 0, _alertCount);

    /// <summary>Alerts lost because a buffer was full (engine buffer or <see cref="GateOptions.AlertQueueSize"/>).</summary>
    public long AlertsDropped => _alertsDropped + _router.AlertsDropped;

    /// <summary>Messages decided so far (the next input sequence).</summary>
    public long InputCount => _nextInput;

    /// <summary>
    /// Optional, for a host that already holds the messages it will submit next (a burst from one network
    /// read, a matching engine's input queue): starts loading (software prefetch) the engine state
    /// <paramref name="message"/> will touch and returns a token for <see cref="PrefetchRows"/>. Call it
    /// for the message two submits ahead, and <see cref="PrefetchRows"/> with the token one submit later,
    /// as the pipeline's risk stage does; the cache misses then overlap the decisions in between.
    /// Decides nothing and changes nothing: decisions are the same bits with or without it. Never throws.
    /// </summary>
    /// <returns>A token (−1 when there is nothing to load: not an account message, unknown account, bad bytes).</returns>
    public int Prefetch(ReadOnlySpan<byte> message) => _router.Prefetch(message);

    /// <summary>Second prefetch step, one submit ahead, for a token <see cref="Prefetch"/> returned a submit earlier (any other value does nothing).</summary>
    public void PrefetchRows(int token) => _router.PrefetchRows(token);

    /// <summary>
    /// Decides <paramref name="message"/> (a binary protocol message starting at its 8-byte header, any
    /// length; reference data larger than a slot is accepted here too). Never throws on bad input: it gets
    /// a <c>MalformedMessage</c> / <c>UnsupportedMessage</c> reject.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="receiveTimestampNs">When the host received it (echoed; the engine reads message timestamps).</param>
    /// <param name="sourceId">The host's session or source id (echoed).</param>
    /// <returns>The decision; its alerts are in <see cref="Alerts"/>.</returns>
    public GateDecision Submit(ReadOnlySpan<byte> message, long receiveTimestampNs, long sourceId = 0)
    {
        _alertCount = 0;
        var sink = new ArraySink(this);
        _router.Decide(message, _nextInput++, receiveTimestampNs, sourceId, out var decision, ref sink);
        decision.Sequence = ++_outbound;
        for (var i = 0; i < _alertCount; i++)
        {
            ref var alert = ref _alerts[i];
            alert.Sequence = alert.IsWireKind ? ++_outbound : 0;
        }

        return decision;
    }

    private readonly struct ArraySink(DirectGate gate) : IAlertSink
    {
        public bool TryAdd(in GateAlert alert)
        {
            if (gate._alertCount == gate._alerts.Length)
            {
                gate._alertsDropped++;
                return true;
            }

            gate._alerts[gate._alertCount++] = alert;
            return true;
        }
    }
}
