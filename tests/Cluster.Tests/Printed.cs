using System.Text;

namespace Cluster.Tests;

/// <summary>
/// What the pipeline printed (Log writes to Console.Out) while one piece of work ran, without what
/// the tests running beside it printed meanwhile. Console.Out is one for the process, so it is
/// replaced once by a writer that sends each write to the recording of the async flow that made
/// it, or to the console when that flow records nothing.
/// </summary>
public static class Printed
{
    static readonly AsyncLocal<StringWriter?> Recording = new();
    static readonly Lazy<TextWriter> Router = new(() =>
    {
        var router = new RoutingWriter(Console.Out);
        Console.SetOut(router);
        return router;
    });

    public static async Task<string> ByAsync(Func<Task> work)
    {
        _ = Router.Value;
        var recording = new StringWriter();
        Recording.Value = recording;
        await work();
        lock (recording) return recording.ToString();
    }

    /// <summary>Work the recorded flow started (a renewal loop, a watch) may still write after it ended: each write takes the target's lock.</summary>
    sealed class RoutingWriter(TextWriter console) : TextWriter
    {
        public override Encoding Encoding => console.Encoding;

        public override void Write(char value) => To(target => target.Write(value));
        public override void Write(string? value) => To(target => target.Write(value));
        public override void WriteLine(string? value) => To(target => target.WriteLine(value));
        public override void Flush() => To(target => target.Flush());

        void To(Action<TextWriter> write)
        {
            var target = Recording.Value ?? console;
            lock (target) write(target);
        }
    }
}
