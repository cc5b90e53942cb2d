using Mooc.Build;

namespace Engine.Tests;

public class CommandLineTests
{
    [Fact]
    public void Everything_after_a_bare_double_dash_is_the_command_dashes_and_all()
    {
        var line = CommandLine.Parse(["Shell", "--service", "mysql", "--", "mariadb", "--batch", "-e", "SELECT 1"]);

        Assert.Equal(["Shell"], line.Targets);
        Assert.Equal(["mysql"], line.Values("service"));
        Assert.Equal(["mariadb", "--batch", "-e", "SELECT 1"], line.Values("command"));
        Assert.False(line.Has("batch"));
    }

    [Fact]
    public void A_command_given_both_ways_is_refused()
    {
        var error = Assert.Throws<BuildException>(() => CommandLine.Parse(["Shell", "--command", "ls", "--", "ls"]));

        Assert.Contains("give it once", error.Message);
    }
}
