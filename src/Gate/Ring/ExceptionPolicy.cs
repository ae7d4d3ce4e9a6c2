namespace RiskGate.Gate.Ring;

/// <summary>
/// The two standard exception policies: report and continue, or report and halt. Reporting goes to a
/// delegate given at construction (logging, metrics, an alert); the delegate runs on the processor thread.
/// </summary>
public sealed class ExceptionPolicy : IExceptionPolicy
{
    private readonly ExceptionAction _action;
    private readonly Action<Exception, long, string>? _report;

    private ExceptionPolicy(ExceptionAction action, Action<Exception, long, string>? report)
    {
        _action = action;
        _report = report;
    }

    /// <summary>Halts the processor on the first handler exception, reporting nothing (the processor keeps the fault).</summary>
    public static ExceptionPolicy HaltSilently { get; } = new(ExceptionAction.Halt, null);

    /// <summary>A policy that reports each exception with <paramref name="report"/> and skips the failing event.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static ExceptionPolicy ReportAndContinue(Action<Exception, long, string> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ExceptionPolicy(ExceptionAction.Continue, report);
    }

    /// <summary>A policy that reports the exception with <paramref name="report"/> and halts the processor.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static ExceptionPolicy ReportAndHalt(Action<Exception, long, string> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ExceptionPolicy(ExceptionAction.Halt, report);
    }

    /// <inheritdoc />
    public ExceptionAction OnEventException(Exception exception, long sequence, string processorName)
    {
        _report?.Invoke(exception, sequence, processorName);
        return _action;
    }
}
