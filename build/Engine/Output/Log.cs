namespace Mooc.Build;

/// <summary>
/// The one way the pipeline writes to the console. Everything goes through Console.Out, which
/// the host replaces with a <see cref="SecretMaskingWriter"/>, so no part can print a secret.
/// </summary>
public static class Log
{
    static readonly object Gate = new();

    public static void Info(string message) => Write(message, null);
    public static void Success(string message) => Write(message, ConsoleColor.Green);
    public static void Warn(string message) => Write("warning: " + message, ConsoleColor.Yellow);
    public static void Error(string message) => Write("error: " + message, ConsoleColor.Red);
    public static void Debug(string message) => Write(message, ConsoleColor.DarkGray);

    /// <summary>A line of another program's output, prefixed with where it came from.</summary>
    public static void Output(string source, string line) => Write($"[{source}] {line}", ConsoleColor.DarkGray);

    static void Write(string message, ConsoleColor? color)
    {
        lock (Gate)
        {
            var colored = color is not null && !Console.IsOutputRedirected;
            if (colored) Console.ForegroundColor = color!.Value;
            Console.Out.WriteLine(message);
            if (colored) Console.ResetColor();
        }
    }
}
