using Mooc.Build;
using Polly;
using Polly.Retry;

namespace Mooc.Images.Registry;

/// <summary>
/// How pushes to a registry and pulls of base images retry what fails for a moment (a timeout, a refused
/// connection, HTTP 5xx): up to <see cref="Attempts"/> tries, waiting <see cref="FirstDelay"/>, then twice
/// as long each time, each retry logged with its reason. Anything else (denied, unknown image) fails at once.
/// </summary>
public sealed record RegistryRetry
{
    /// <summary>Tries in all, the first included; 1 means no retry.</summary>
    public int Attempts { get; init; } = 5;

    /// <summary>The wait before the second try; it doubles for each one after.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Runs <paramref name="attempt"/>, which returns null when it worked or else the registry's reason, retrying while the reason is transient.</summary>
    /// <param name="what">What is tried, for the log ("push of 127.0.0.1:5000/mooc/lms:0123abcd").</param>
    /// <returns>Null when an attempt worked, else the last reason and how many attempts were made.</returns>
    internal async Task<RegistryFailure?> RunAsync(string what, Func<CancellationToken, Task<string?>> attempt, CancellationToken ct)
    {
        if (Attempts < 1) throw new ArgumentException($"RegistryRetry.Attempts is {Attempts}; it must be at least 1.");
        var made = 0;
        var pipeline = Attempts == 1 ? ResiliencePipeline.Empty : new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<RegistryFailure>(failure => failure.Transient),
            MaxRetryAttempts = Attempts - 1,
            Delay = FirstDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = false,
            OnRetry = args =>
            {
                Log.Warn($"{what} failed ({args.Outcome.Exception?.Message}), retrying in {Seconds(args.RetryDelay)} (attempt {args.AttemptNumber + 2} of {Attempts})");
                return ValueTask.CompletedTask;
            },
        }).Build();
        try
        {
            await pipeline.ExecuteAsync(async token =>
            {
                made++;
                if (await attempt(token) is { } reason) throw new RegistryFailure(reason, made);
            }, ct);
            return null;
        }
        catch (RegistryFailure failure)
        {
            return failure;
        }
    }

    static string Seconds(TimeSpan delay) => delay.TotalSeconds >= 1 ? $"{delay.TotalSeconds:0.#} s" : $"{delay.TotalMilliseconds:0} ms";
}
