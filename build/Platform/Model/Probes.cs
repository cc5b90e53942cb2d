namespace Mooc.Platform.Model;

/// <summary>The three Kubernetes probes of a service; any may be absent.</summary>
public sealed record ProbeSet(ProbeDefinition? Readiness, ProbeDefinition? Liveness, ProbeDefinition? Startup)
{
    public static readonly ProbeSet None = new(null, null, null);
}

/// <summary>A probe: what it does and how often. Defaults follow Kubernetes (0s delay, 10s period, 1s timeout, 3 failures).</summary>
public sealed record ProbeDefinition(
    ProbeAction Action,
    int InitialDelaySeconds = 0,
    int PeriodSeconds = 10,
    int TimeoutSeconds = 1,
    int FailureThreshold = 3);

/// <summary>What a probe checks: one of <see cref="HttpProbe"/>, <see cref="TcpProbe"/>, <see cref="ExecProbe"/>.</summary>
public abstract record ProbeAction;

/// <summary>GET http://pod:Port/Path answers 200-399.</summary>
public sealed record HttpProbe(string Path, int Port) : ProbeAction;

/// <summary>A TCP connection to Port opens.</summary>
public sealed record TcpProbe(int Port) : ProbeAction;

/// <summary>The command exits 0 inside the container.</summary>
public sealed record ExecProbe(IReadOnlyList<string> Command) : ProbeAction;
