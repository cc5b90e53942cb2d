namespace Mooc.Perf.Engine;

/// <summary>The load simulations as NBomber names them; every argument carries its unit.</summary>
public static class Simulation
{
    public static LoadSimulation KeepConstant(int copies, TimeSpan during) =>
        new KeepConstant(Positive(copies, nameof(copies)), Positive(during, nameof(during)));

    public static LoadSimulation RampingConstant(int copies, TimeSpan during) =>
        new RampingConstant(NotNegative(copies, nameof(copies)), Positive(during, nameof(during)));

    public static LoadSimulation IterationsForConstant(int copies, long iterations) =>
        new IterationsForConstant(Positive(copies, nameof(copies)), Positive(iterations, nameof(iterations)));

    public static LoadSimulation Inject(double rate, TimeSpan interval, TimeSpan during) =>
        new Inject(Positive(rate, nameof(rate)), Positive(interval, nameof(interval)), Positive(during, nameof(during)));

    public static LoadSimulation RampingInject(double rate, TimeSpan interval, TimeSpan during) =>
        new RampingInject(NotNegative(rate, nameof(rate)), Positive(interval, nameof(interval)), Positive(during, nameof(during)));

    public static LoadSimulation IterationsForInject(double rate, TimeSpan interval, long iterations) =>
        new IterationsForInject(Positive(rate, nameof(rate)), Positive(interval, nameof(interval)), Positive(iterations, nameof(iterations)));

    public static LoadSimulation Pause(TimeSpan during) => new Pause(Positive(during, nameof(during)));

    private static T Positive<T>(T value, string name) where T : IComparable<T> =>
        value.CompareTo(default) > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be more than zero");

    private static T NotNegative<T>(T value, string name) where T : IComparable<T> =>
        value.CompareTo(default) >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must not be negative");
}
