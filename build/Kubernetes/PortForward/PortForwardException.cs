namespace Mooc.Kubernetes;

/// <summary>A port-forward that cannot reach the Service: it does not exist, has no such port, or has no Ready pod.</summary>
public sealed class PortForwardException(string message) : Exception(message);
