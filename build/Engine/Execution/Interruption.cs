using System.Runtime.InteropServices;

namespace Mooc.Build;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM during a run. The first asks the build to stop: the targets' token
/// is cancelled, but work that must not be cut off half-way (a migration step: MariaDB's DDL cannot
/// be rolled back) runs to its end first, and the build says so. A second one exits at once.
/// The exit code is then 128 + the signal's number, as a shell reports a process the signal ended.
/// </summary>
public static class Interruption
{
    static readonly List<string> Unstoppable = [];
    static CancellationTokenSource? stop;
    static PosixSignal? received;

    /// <summary>The exit code of a run a signal stopped (130 for SIGINT, 143 for SIGTERM); null when none did.</summary>
    internal static int? ExitCode => received switch
    {
        PosixSignal.SIGINT => 130,
        PosixSignal.SIGTERM => 143,
        _ => null,
    };

    internal static string? SignalName => received is { } signal ? Describe(signal) : null;

    /// <summary>Handles SIGINT and SIGTERM until disposed by cancelling <paramref name="cancellation"/>, the token given to the targets.</summary>
    internal static IDisposable Install(CancellationTokenSource cancellation)
    {
        stop = cancellation;
        received = null;
        var registrations = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }.Select(s => PosixSignalRegistration.Create(s, OnSignal)).ToList();
        return new Registrations(registrations);
    }

    /// <summary>
    /// Runs <paramref name="work"/> to its end even when a stop is asked meanwhile (only a second
    /// signal, which ends the process, cuts it off). It does not start when a stop was already asked.
    /// The work bounds itself (a step has its deadline); <paramref name="ct"/> is checked before it starts.
    /// </summary>
    /// <param name="what">What runs, for the messages: "step lms-migrate".</param>
    public static async Task<T> RunToEndAsync<T>(string what, Func<Task<T>> work, CancellationToken ct)
    {
        lock (Unstoppable)
        {
            ct.ThrowIfCancellationRequested();
            Unstoppable.Add(what);
        }
        try
        {
            return await work();
        }
        finally
        {
            lock (Unstoppable) Unstoppable.Remove(what);
            if (ct.IsCancellationRequested) Log.Warn($"{Capitalized(what)} ran to its end; stopping now, as asked");
        }
    }

    static void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        var name = Describe(context.Signal);
        // Under the lock, so no shielded work starts between the message and the cancellation unmentioned.
        lock (Unstoppable)
        {
            var work = string.Join(", ", Unstoppable);
            if (stop is null || stop.IsCancellationRequested)
            {
                Log.Warn(work.Length > 0
                    ? $"{name} again: aborting at once while {work} runs. A step's container keeps running on its own, and the next run waits for it; "
                      + "removed by hand (docker rm -f), it may leave a migration half-done, which the next migrate step detects (build/Local/README.md, 'Interrupted runs')"
                    : $"{name} again: aborting at once; whatever was being created is left half-made, and the next run replaces it");
                Console.Out.Flush();
                Environment.Exit(128 + (context.Signal == PosixSignal.SIGTERM ? 15 : 2));
            }

            received ??= context.Signal;
            Log.Warn(work.Length > 0
                ? $"{name}: letting the running {work} finish (cut off, it could leave a migration half-done), then stopping. {name} again aborts at once"
                : $"{name}: stopping the running target and cleaning up ({name} again aborts at once)");
            stop.Cancel();
        }
    }

    static string Describe(PosixSignal signal) => signal == PosixSignal.SIGINT ? "Ctrl-C (SIGINT)" : "SIGTERM";

    static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    sealed class Registrations(List<PosixSignalRegistration> registrations) : IDisposable
    {
        public void Dispose()
        {
            foreach (var registration in registrations) registration.Dispose();
            stop = null;
        }
    }
}
