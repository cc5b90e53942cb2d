namespace Mooc.Build;

/// <summary>A mistake in how the build was called or defined: shown as its message alone, no stack trace.</summary>
public sealed class BuildException(string message) : Exception(message);
