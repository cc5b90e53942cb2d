namespace Mooc.Build;

/// <summary>
/// Installs a Debian package the pipeline (or a test) needs when its program is missing, as root on
/// Debian; elsewhere it says what to install. Packages' own services are not started: the pipeline
/// runs the instances it needs itself.
/// </summary>
public static class DebianPackages
{
    static readonly SemaphoreSlim OneAtATime = new(1, 1);
    const string ServicePolicy = "/usr/sbin/policy-rc.d";

    /// <summary>Makes sure <paramref name="program"/> exists, installing <paramref name="package"/> when it does not.</summary>
    /// <param name="why">What it is needed for, for the messages ("to make a Debian base image").</param>
    public static async Task EnsureAsync(string package, string program, string why, CancellationToken ct)
    {
        if (File.Exists(program)) return;
        if (!OperatingSystem.IsLinux() || !File.Exists("/etc/debian_version") || Environment.UserName != "root")
            throw new InvalidOperationException($"{Path.GetFileName(program)} is needed {why}. Install it (on Debian: 'apt-get install -y {package}', as root) and run again.");

        await OneAtATime.WaitAsync(ct);
        var deniedServices = false;
        try
        {
            if (File.Exists(program)) return;
            Log.Info($"Installing Debian's {package} {why} (one time)");
            if (!File.Exists(ServicePolicy))
            {
                // invoke-rc.d asks this script whether a package may start its service; 101 says no.
                await File.WriteAllTextAsync(ServicePolicy, "#!/bin/sh\nexit 101\n", ct);
                File.SetUnixFileMode(ServicePolicy, (UnixFileMode)0b111_101_101);
                deniedServices = true;
            }
            var environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" };
            // Another process may hold the dpkg lock (a second test run, unattended upgrades): wait for it, not fail.
            string[] waitForLock = ["-o", "DPkg::Lock::Timeout=300"];
            var update = await ProcessRunner.RunAsync("apt-get", [.. waitForLock, "update", "-qq"], ct, environment: environment, logPrefix: "apt", quiet: true);
            var install = await ProcessRunner.RunAsync("apt-get", [.. waitForLock, "install", "-y", "-qq", "--no-install-recommends", package], ct,
                environment: environment, logPrefix: "apt", quiet: true);
            if (!install.Succeeded || !File.Exists(program))
                throw new InvalidOperationException(
                    $"Installing {package} (needed {why}) failed (exit {install.ExitCode}); install it by hand: 'apt-get install -y {package}'.\n{update.Tail(10)}\n{install.Tail(30)}");
        }
        finally
        {
            if (deniedServices) File.Delete(ServicePolicy);
            OneAtATime.Release();
        }
    }
}
