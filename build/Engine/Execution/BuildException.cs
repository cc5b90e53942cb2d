namespace Mooc.Build;

/// <summary>
/// A mistake in how the build was called or in the files it reads (parameters, platform, recipes): shown as its
/// message alone, no stack trace, and the build exits with 2. The parts derive their input errors from it.
/// </summary>
public class BuildException(string message) : Exception(message);
