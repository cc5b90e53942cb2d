namespace Mooc.Perf.Reports;

/// <summary>Where the reports of one run were written.</summary>
public sealed record ReportPaths(string Directory, string Markdown, string JMeterCsv, string IntervalsCsv, string Html);
