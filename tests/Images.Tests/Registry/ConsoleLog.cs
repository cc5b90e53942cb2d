using System.Text;

namespace Images.Tests.Registry;

/// <summary>The tests that read what the pipeline logs share the console, so they run one at a time, after the others.</summary>
[CollectionDefinition("console log", DisableParallelization = true)]
public sealed class ConsoleLogCollection;

/// <summary>Records what the pipeline logs while it still reaches the test output, until disposed.</summary>
sealed class ConsoleLog : IDisposable
{
    readonly TextWriter _original = Console.Out;
    readonly StringBuilder _recorded = new();

    public ConsoleLog() => Console.SetOut(TextWriter.Synchronized(new Tee(_original, new StringWriter(_recorded))));

    public string Text => _recorded.ToString();

    public void Dispose() => Console.SetOut(_original);

    sealed class Tee(TextWriter first, TextWriter second) : TextWriter
    {
        public override Encoding Encoding => first.Encoding;
        public override void Write(char value)
        {
            first.Write(value);
            second.Write(value);
        }
        public override void Write(string? value)
        {
            first.Write(value);
            second.Write(value);
        }
        public override void WriteLine(string? value)
        {
            first.WriteLine(value);
            second.WriteLine(value);
        }
    }
}
