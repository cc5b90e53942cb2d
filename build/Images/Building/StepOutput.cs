using System.Text;
using Mooc.Build;

namespace Mooc.Images.Building;

/// <summary>Turns a step's byte stream into lines: each is logged with the image's name as prefix, the last ones kept for errors.</summary>
sealed class StepOutput(string prefix, int keep, bool quiet = false)
{
    readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    readonly StringBuilder _partial = new();
    readonly Queue<string> _tail = new();

    public void Write(byte[] buffer, int count)
    {
        var chars = new char[_decoder.GetCharCount(buffer, 0, count)];
        _decoder.GetChars(buffer, 0, count, chars, 0);
        foreach (var c in chars)
        {
            if (c == '\n') EmitLine();
            else if (c != '\r') _partial.Append(c);
        }
    }

    public void Complete()
    {
        if (_partial.Length > 0) EmitLine();
    }

    public string Tail => string.Join('\n', _tail);

    void EmitLine()
    {
        var line = _partial.ToString();
        _partial.Clear();
        if (!quiet) Log.Output(prefix, line);
        _tail.Enqueue(line);
        if (_tail.Count > keep) _tail.Dequeue();
    }
}
