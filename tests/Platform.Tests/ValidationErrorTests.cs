using Mooc.Build;
using Mooc.Platform.Loading;

namespace Mooc.Platform.Tests;

/// <summary>A malformed platform file fails before anything runs, each error naming file, line, column and field.</summary>
public class ValidationErrorTests
{
    const string File = "/platforms/broken/platform.yaml";

    const string Valid = """
        name: tiny
        secrets:
          - name: db-password
        services:
          - name: db
            recipe: mysql
            kind: stateful
            ports:
              - {name: mysql, containerPort: 3306}
            secretEnv:
              MYSQL_PASSWORD: db-password
            volumes:
              - {name: db-data, mountPath: /var/lib/mysql, size: 1Gi}
          - name: app
            recipe: lms
            dependsOn: [db]
            ports:
              - {name: http, containerPort: 8000}
        """;

    static PlatformError SingleError(string yaml)
    {
        var exception = Assert.Throws<PlatformValidationException>(() => PlatformLoader.Parse(yaml, File));
        Assert.Contains(File, exception.Message);
        return Assert.Single(exception.Errors);
    }

    static void AssertError(PlatformError error, int line, string field, string messagePart)
    {
        Assert.Equal(File, error.File);
        Assert.Equal((line, field), (error.Line, error.Field));
        Assert.Contains(messagePart, error.Message);
        Assert.StartsWith($"{File}:{line}:", error.ToString());
    }

    [Fact]
    public void The_valid_base_file_loads() =>
        Assert.Equal(["db", "app"], PlatformLoader.Parse(Valid, File).Services.Select(s => s.Name));

    [Fact]
    public void Bad_yaml_names_the_line() =>
        AssertError(SingleError(Valid.Replace("  - name: app", "  - name: [app")), 14, "services[1].name", "the [list] that starts here is not closed");

    [Fact]
    public void Unknown_field_names_the_field_and_suggests_the_allowed_one() =>
        AssertError(SingleError(Valid.Replace("    dependsOn: [db]", "    dependOn: [db]")), 16, "services[app].dependOn", "did you mean 'dependsOn'?");

    [Fact]
    public void Wrong_type_says_what_was_expected() =>
        AssertError(SingleError(Valid.Replace("containerPort: 8000", "containerPort: eight")), 18, "services[app].ports[0].containerPort", "expected a whole number");

    [Fact]
    public void Dotted_service_name_is_rejected_with_the_normalised_name_to_use()
    {
        var error = SingleError(Valid.Replace("  - name: app", "  - name: edx.app").Replace("\n            dependsOn: [db]", "\n            dependsOn: [db]"));
        AssertError(error, 14, "services[edx.app].name", "use 'edx-app'");
        Assert.Contains("aliases", error.Message);
    }

    [Fact]
    public void Dependency_on_a_missing_service_lists_the_services() =>
        AssertError(SingleError(Valid.Replace("dependsOn: [db]", "dependsOn: [database]")), 16, "services[app].dependsOn[0]", "service 'database' does not exist; services: db, app");

    [Fact]
    public void Dependency_cycle_shows_the_cycle() =>
        AssertError(SingleError(Valid.Replace("    kind: stateful", "    kind: stateful\n    dependsOn: [app]")), 8, "services[db].dependsOn", "dependency cycle: db -> app -> db");

    [Fact]
    public void Secret_env_naming_an_undeclared_secret_is_an_error() =>
        AssertError(SingleError(Valid.Replace("MYSQL_PASSWORD: db-password", "MYSQL_PASSWORD: db-pasword")), 11, "services[db].secretEnv.MYSQL_PASSWORD", "secret 'db-pasword' is not declared");

    [Fact]
    public void Volume_without_size_is_an_error() =>
        AssertError(SingleError(Valid.Replace(", size: 1Gi", "")), 13, "services[db].volumes[0].size", "required field 'size' is missing");

    [Fact]
    public void Probe_on_an_undeclared_port_is_an_error() =>
        AssertError(SingleError(Valid + "\n    probes:\n      readiness: {tcp: 9000}"), 20, "services[app].probes.readiness", "port 9000, which is not among app's ports (8000)");

    [Fact]
    public void Every_error_is_reported_at_once_in_file_order()
    {
        var broken = Valid.Replace("kind: stateful", "kind: statefull").Replace("containerPort: 8000", "containerPort: 70000");
        var exception = Assert.Throws<PlatformValidationException>(() => PlatformLoader.Parse(broken, File));

        Assert.Equal([(7, "services[db].kind"), (18, "services[app].ports[0].containerPort")], exception.Errors.Select(e => (e.Line, e.Field)));
        Assert.Contains("expected one of stateless, stateful", exception.Errors[0].Message);
        Assert.Contains("allowed: 1..65535", exception.Errors[1].Message);
    }

    [Fact]
    public void Load_from_a_file_names_that_file()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("mooc-platform-").FullName, "platform.yaml");
        System.IO.File.WriteAllText(path, Valid.Replace("recipe: lms", "recipe: lms\n    replicas: two"));
        try
        {
            var error = Assert.Single(Assert.Throws<PlatformValidationException>(() => PlatformLoader.Load(path)).Errors);
            Assert.Equal((path, 16, "services[app].replicas"), (error.File, error.Line, error.Field));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void Unknown_platform_name_lists_the_available_platforms()
    {
        var error = Assert.Throws<BuildException>(() => PlatformLoader.LoadByName("edx"));
        Assert.Contains("openedx", error.Message);
        Assert.Contains("reference", error.Message);
    }
}
