using System.Diagnostics;
using Mooc.Build;
using Mooc.Platform.Cluster;

namespace Mooc.Platform.Operations;

/// <summary>
/// The Shell target: a command, or an interactive shell, in a replica of a service, wired to this
/// terminal. When stdin is a terminal the command gets a TTY and the terminal is put in raw mode
/// meanwhile (keys such as Ctrl-C and arrows go to the command), and restored after.
/// </summary>
public static class ServiceShell
{
    static readonly string[] InteractiveShell = ["sh", "-c", "if command -v bash >/dev/null; then exec bash; else exec sh; fi"];

    public static async Task<long> RunAsync(IClusterEngine engine, ClusterDeployment deployment, string? service, IReadOnlyList<string> command, CancellationToken ct)
    {
        var target = service ?? DefaultService(deployment);
        if (deployment.Services.All(s => s.Name != target))
            throw new ArgumentException($"Platform '{deployment.Platform.Name}' has no enabled service '{target}' (--service). Services: {string.Join(", ", deployment.Services.Select(s => s.Name))}.");
        var tty = !Console.IsInputRedirected && !Console.IsOutputRedirected;
        var exec = new ServiceExec(target, command.Count > 0 ? command : InteractiveShell)
        {
            Stdin = new CancellableInput(Console.OpenStandardInput()),
            Stdout = Console.OpenStandardOutput(),
            Stderr = Console.OpenStandardError(),
            Tty = tty,
        };
        if (command.Count == 0) Log.Info($"Shell in {target} of '{deployment.Name}' (exit or Ctrl-D leaves)");
        if (!tty) return await engine.ExecAsync(deployment, exec, ct);
        var saved = await SttyAsync(["-g"], ct);
        await SttyAsync(["raw", "-echo"], ct);
        try
        {
            return await engine.ExecAsync(deployment, exec, ct);
        }
        finally
        {
            await SttyAsync([saved.Trim()], CancellationToken.None);
        }
    }

    /// <summary>The service the migration steps run in (the application: where manage.py is), else the first.</summary>
    public static string DefaultService(ClusterDeployment deployment) =>
        deployment.Steps.FirstOrDefault()?.Service ?? deployment.Services[0].Name;

    static async Task<string> SttyAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo("stty") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("stty could not be started.");
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return output;
    }

    /// <summary>
    /// The terminal's input, whose reads end when cancelled: a console read blocks until a key is
    /// pressed whatever its token says, and the engines stop reading input once the command exits.
    /// </summary>
    sealed class CancellableInput(Stream console) : Stream
    {
        Task<int>? _pending;
        byte[] _buffer = [];

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            if (_pending is null)
            {
                _buffer = new byte[buffer.Length];
                _pending = Task.Run(() => console.Read(_buffer, 0, _buffer.Length), CancellationToken.None);
            }
            var read = await _pending.WaitAsync(ct);
            _pending = null;
            _buffer.AsMemory(0, read).CopyTo(buffer);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
