using System.Diagnostics;

namespace Mooc.Build;

/// <summary>Who holds a <see cref="CrossProcessLock"/>: one "key=value" line each, so a person can read it too.</summary>
public sealed record LockHolder(int Pid, string Host, string Target, DateTimeOffset Since)
{
    public static LockHolder Me(string target) => new(Environment.ProcessId, Environment.MachineName, target, DateTimeOffset.UtcNow);

    public override string ToString() => $"pid {Pid} on {Host}, target {Target}, since {Since:u}";

    /// <summary>A holder on another host cannot be checked from here, so it counts as alive.</summary>
    public bool IsAlive()
    {
        if (Host != Environment.MachineName) return true;
        try
        {
            using var process = Process.GetProcessById(Pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public async Task WriteAsync(string path, CancellationToken ct)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        await File.WriteAllTextAsync(temporary, $"pid={Pid}\nhost={Host}\ntarget={Target}\nsince={Since:O}\n", ct);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The note at <paramref name="path"/>, or null when there is none or it cannot be read.</summary>
    public static LockHolder? Read(string path)
    {
        string[] lines;
        try
        {
            if (!File.Exists(path)) return null;
            lines = File.ReadAllLines(path);
        }
        catch (IOException)
        {
            return null;
        }
        var fields = lines.Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        return fields.TryGetValue("pid", out var pid) && int.TryParse(pid, out var number)
            && fields.TryGetValue("since", out var since) && DateTimeOffset.TryParse(since, out var at)
            ? new LockHolder(number, fields.GetValueOrDefault("host", "?"), fields.GetValueOrDefault("target", "?"), at)
            : null;
    }
}
