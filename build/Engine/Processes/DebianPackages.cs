namespace Mooc.Build;

/// <summary>
/// Installs a Debian package the pipeline (or a test) needs when its program is missing: on Debian (or
/// Ubuntu), as root or through password-less sudo (GitHub's runners); elsewhere it says what to install.
/// Packages' own services are not started: the pipeline runs the instances it needs itself.
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
        var asRoot = Environment.UserName == "root";
        if (!OperatingSystem.IsLinux() || !File.Exists("/etc/debian_version") || (!asRoot && !await CanSudoAsync(ct)))
            throw new InvalidOperationException($"{Path.GetFileName(program)} is needed {why}. Install it (on Debian: 'apt-get install -y {package}', as root) and run again.");

        await OneAtATime.WaitAsync(ct);
        var deniedServices = false;
        try
        {
            if (File.Exists(program)) return;
            Log.Info($"Installing Debian's {package} {why} (one time{(asRoot ? "" : ", through sudo")})");
            if (!File.Exists(ServicePolicy))
            {
                // invoke-rc.d asks this script whether a package may start its service; 101 says no.
                deniedServices = (await RunAsRootAsync(asRoot, ["sh", "-c", $"printf '#!/bin/sh\\nexit 101\\n' > {ServicePolicy} && chmod 755 {ServicePolicy}"], ct)).Succeeded;
            }
            // Another process may hold the dpkg lock (a second test run, unattended upgrades): wait for it, not fail.
            string[] aptGet = ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "-o", "DPkg::Lock::Timeout=300"];
            var update = await RunAsRootAsync(asRoot, [.. aptGet, "update", "-qq"], ct);
            var install = await RunAsRootAsync(asRoot, [.. aptGet, "install", "-y", "-qq", "--no-install-recommends", package], ct);
            if (!install.Succeeded || !File.Exists(program))
                throw new InvalidOperationException(
                    $"Installing {package} (needed {why}) failed (exit {install.ExitCode}); install it by hand: 'apt-get install -y {package}'.\n{update.Tail(10)}\n{install.Tail(30)}");
        }
        finally
        {
            if (deniedServices) await RunAsRootAsync(asRoot, ["rm", "-f", ServicePolicy], CancellationToken.None);
            OneAtATime.Release();
        }
    }

    static async Task<bool> CanSudoAsync(CancellationToken ct)
    {
        try
        {
            return (await RunAsRootAsync(false, ["true"], ct)).Succeeded;
        }
        catch (InvalidOperationException)
        {
            return false; // no sudo here
        }
    }

    static Task<ProcessResult> RunAsRootAsync(bool asRoot, string[] command, CancellationToken ct) =>
        asRoot
            ? ProcessRunner.RunAsync(command[0], command[1..], ct, logPrefix: "apt", quiet: true)
            : ProcessRunner.RunAsync("sudo", ["-n", .. command], ct, logPrefix: "apt", quiet: true);
}
