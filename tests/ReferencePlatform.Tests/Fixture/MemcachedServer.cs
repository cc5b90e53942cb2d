namespace ReferencePlatform.Tests.Fixture;

public sealed class MemcachedServer(string directory, int port) : IAsyncDisposable
{
    Daemon? _daemon;

    public int Port => port;

    public async Task StartAsync(CancellationToken ct)
    {
        string[] arguments = ["-l", "127.0.0.1", "-p", port.ToString(), "-U", "0", "-m", "64"];
        // memcached refuses to run as root unless told which user to be.
        _daemon = Daemon.Start("memcached", "/usr/bin/memcached",
            Environment.UserName == "root" ? [.. arguments, "-u", "root"] : arguments, directory);
        await _daemon.WaitUntilAsync(c => FreePort.AcceptsAsync(port, c), TimeSpan.FromSeconds(20), ct);
    }

    public async Task StopAsync()
    {
        if (_daemon is null) return;
        await _daemon.DisposeAsync();
        _daemon = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_daemon is not null) await _daemon.DisposeAsync();
    }
}
