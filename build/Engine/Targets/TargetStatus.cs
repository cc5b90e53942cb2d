namespace Mooc.Build;

public enum TargetStatus { NotRun, Skipped, Running, Succeeded, Failed }
