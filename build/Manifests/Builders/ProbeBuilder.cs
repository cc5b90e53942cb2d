using k8s.Models;
using Mooc.Platform.Model;

namespace Mooc.Manifests.Builders;

static class ProbeBuilder
{
    public static V1Probe? Build(ProbeDefinition? probe) => probe is null ? null : new V1Probe
    {
        HttpGet = probe.Action is HttpProbe http ? new V1HTTPGetAction { Path = http.Path, Port = http.Port } : null,
        TcpSocket = probe.Action is TcpProbe tcp ? new V1TCPSocketAction { Port = tcp.Port } : null,
        Exec = probe.Action is ExecProbe exec ? new V1ExecAction { Command = exec.Command.ToList() } : null,
        InitialDelaySeconds = probe.InitialDelaySeconds,
        PeriodSeconds = probe.PeriodSeconds,
        TimeoutSeconds = probe.TimeoutSeconds,
        FailureThreshold = probe.FailureThreshold,
    };
}
