using Mooc.Build;

namespace Engine.Tests;

[Collection("console")]
public class SecretMaskingTests
{
    const string Password = "s3cr3t-Passw0rd-xyz";

    [Fact]
    public async Task A_secret_parameter_is_masked_in_the_build_output()
    {
        var (exitCode, output) = await ConsoleCapture.RunAsync(new PipelineLikeBuild(), "Leak", "--registry-password", Password);
        Assert.Equal(0, exitCode);
        Assert.DoesNotContain(Password, output);
        Assert.Contains("the password is *****!", output);
    }

    [Fact]
    public async Task A_secret_is_masked_in_the_output_of_child_processes_stdout_and_stderr()
    {
        Environment.SetEnvironmentVariable("REGISTRY_PASSWORD", Password + "-env");
        try
        {
            var (exitCode, output) = await ConsoleCapture.RunAsync(new PipelineLikeBuild(), "LeakFromProcess");
            Assert.Equal(0, exitCode);
            Assert.DoesNotContain(Password, output);
            Assert.Contains("[child] child says *****", output);
            Assert.Contains("[child] to stderr *****", output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("REGISTRY_PASSWORD", null);
        }
    }

    [Fact]
    public async Task Help_shows_a_secret_as_stars()
    {
        var (_, output) = await ConsoleCapture.RunAsync(new PipelineLikeBuild(), "Leak", "--help", "--registry-password", Password);
        Assert.DoesNotContain(Password, output);
        Assert.Contains("***** (from command line)", output);
    }

    [Fact]
    public void A_secret_written_in_pieces_is_still_masked()
    {
        SecretMaskingWriter.Register("piecewise-secret-42");
        var inner = new StringWriter();
        using (var writer = new SecretMaskingWriter(inner))
        {
            writer.Write("value: piecewise-");
            writer.Write("secret-");
            writer.Write('4');
            writer.WriteLine("2 end");
        }
        Assert.Equal("value: ***** end" + Environment.NewLine, inner.ToString());
    }
}
