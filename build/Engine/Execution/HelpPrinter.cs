using Spectre.Console;

namespace Mooc.Build;

/// <summary>--help: every target with what it depends on, every parameter with its type, default and where its value came from.</summary>
public static class HelpPrinter
{
    public static void Print(object build, string defaultTarget, IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<BuildParameter> parameters)
    {
        AnsiConsole.MarkupLine("Usage: [bold]./build.sh[/] [[targets...]] [[--parameter value...]]");
        AnsiConsole.MarkupLine("       --help, --plan (print the order, write .nuke/temp/plan.html), --skip [[targets]] (bare: only the named ones run),");
        AnsiConsole.MarkupLine("       --profile NAME (layers .nuke/parameters.NAME.json), --target NAMES");
        AnsiConsole.WriteLine();

        var targetTable = new Table().Border(TableBorder.Simple).Title("Targets");
        targetTable.AddColumn("Target").AddColumn("Description").AddColumn("Depends on").AddColumn("Triggers");
        foreach (var target in targets)
        {
            var name = target.Name == defaultTarget ? $"[bold]{target.Name}[/] (default)" : target.Name;
            targetTable.AddRow(name, Markup.Escape(target.Description), string.Join(", ", target.DependsOn), string.Join(", ", target.Triggers));
        }
        AnsiConsole.Write(targetTable);

        var parameterTable = new Table().Border(TableBorder.Simple).Title("Parameters");
        parameterTable.AddColumn("Option").AddColumn("Type").AddColumn("Default").AddColumn("Value (source)").AddColumn("Description");
        foreach (var parameter in parameters)
        {
            var value = parameter.Source == "default" ? "" : $"{parameter.Display(parameter.GetValue(build))} (from {parameter.Source})";
            parameterTable.AddRow(
                Markup.Escape($"{parameter.Option}\n${parameter.EnvironmentVariable}"),
                Markup.Escape(parameter.TypeName),
                Markup.Escape(parameter.Display(parameter.DefaultValue)),
                Markup.Escape(value),
                Markup.Escape(parameter.Description + (parameter.Allowed.Length > 0 ? $" (allowed: {parameter.Allowed})" : "") + (parameter.IsSecret ? " (secret)" : "")));
        }
        AnsiConsole.Write(parameterTable);
        if (RememberedSettings.Current is { } settings && File.Exists(settings.Path))
            AnsiConsole.MarkupLine(Markup.Escape($"Values 'from {settings.Label}' were saved by its last deploy ({settings.Path}); give one again to change it."));
    }
}
