using Mooc.Build;

/// <summary>Every input of the pipeline. Defaults here; .nuke/parameters.json, the environment and the command line override them.</summary>
partial class Build
{
    [Parameter("Run only the tests matching this dotnet test filter, e.g. FullyQualifiedName~Engine")]
    readonly string? TestFilter;
}
