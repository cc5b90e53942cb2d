using Docker.DotNet.Models;
using Mooc.Platform.Model;

namespace Mooc.Local;

/// <summary>
/// A service's probes as one Docker health check: the readiness probe (else liveness), with the
/// startup probe's budget as start period. The images carry no curl, so http and tcp probes are
/// bash's /dev/tcp (every Debian-based image has bash); an http probe passes on a 2xx or 3xx
/// status line, as Kubernetes judges it.
/// </summary>
public static class HealthCheck
{
    /// <summary>Docker checks on a fixed interval and has no faster start interval (API 1.41), so keep it short for a quick start.</summary>
    const int MaxIntervalSeconds = 2;

    public static HealthConfig? From(ProbeSet probes)
    {
        if ((probes.Readiness ?? probes.Liveness ?? probes.Startup) is not { } probe) return null;
        var startSeconds = probes.Startup is { } startup
            ? startup.InitialDelaySeconds + startup.PeriodSeconds * startup.FailureThreshold
            : probe.InitialDelaySeconds;
        return new HealthConfig
        {
            Test = Command(probe.Action),
            Interval = TimeSpan.FromSeconds(Math.Clamp(probe.PeriodSeconds, 1, MaxIntervalSeconds)),
            Timeout = TimeSpan.FromSeconds(Math.Max(1, probe.TimeoutSeconds)),
            Retries = Math.Max(1, probe.FailureThreshold),
            StartPeriod = (long)TimeSpan.FromSeconds(startSeconds).TotalNanoseconds,
        };
    }

    static List<string> Command(ProbeAction action) => action switch
    {
        ExecProbe exec => ["CMD", .. exec.Command],
        TcpProbe tcp => ["CMD", "bash", "-c", $"exec 3<>/dev/tcp/127.0.0.1/{tcp.Port}"],
        HttpProbe http => ["CMD", "bash", "-c", HttpScript(http.Port, http.Path)],
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "unknown probe kind"),
    };

    static string HttpScript(int port, string path) =>
        $"exec 3<>/dev/tcp/127.0.0.1/{port} || exit 1; "
        + $"printf 'GET {path.Replace("'", "").Replace("%", "%%")} HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3; "
        + "read -r status <&3; echo \"$status\"; "
        + "case \"$status\" in HTTP/*' '[23][0-9][0-9]*) exit 0;; esac; exit 1";
}
