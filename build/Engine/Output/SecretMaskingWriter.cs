using System.Text;

namespace Mooc.Build;

/// <summary>
/// Wraps the console so that any registered secret value is replaced by ***** before a line
/// reaches the terminal or a CI log. Output is held until the end of a line, so a secret
/// written in pieces is still caught.
/// </summary>
public sealed class SecretMaskingWriter(TextWriter inner) : TextWriter
{
    const string Mask = "*****";
    static readonly List<string> Secrets = [];
    static readonly object SecretsGate = new();
    readonly StringBuilder _line = new();
    readonly object _gate = new();

    public override Encoding Encoding => inner.Encoding;

    /// <summary>Registers a value to mask from now on. Short values are ignored: masking "1" would garble every line.</summary>
    public static void Register(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < 4) return;
        lock (SecretsGate)
        {
            if (Secrets.Contains(secret)) return;
            Secrets.Add(secret);
            Secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
        }
    }

    public static string MaskText(string text)
    {
        lock (SecretsGate)
        {
            foreach (var secret in Secrets)
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>Installs masking on Console.Out and Console.Error; idempotent.</summary>
    public static void Install()
    {
        if (Console.Out is not SecretMaskingWriter) Console.SetOut(new SecretMaskingWriter(Console.Out));
        if (Console.Error is not SecretMaskingWriter) Console.SetError(new SecretMaskingWriter(Console.Error));
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            _line.Append(value);
            if (value == '\n') FlushLine();
        }
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        lock (_gate)
        {
            _line.Append(value);
            if (value.Contains('\n')) FlushLine();
        }
    }

    public override void Flush()
    {
        lock (_gate)
        {
            FlushLine();
            inner.Flush();
        }
    }

    void FlushLine()
    {
        if (_line.Length == 0) return;
        inner.Write(MaskText(_line.ToString()));
        _line.Clear();
        inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }
}
