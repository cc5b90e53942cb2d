namespace Mooc.Perf.Learner;

/// <summary>What a learner changed in the platform's database.</summary>
public enum WriteKind
{
    /// <summary>/change_enrollment answered 200: the learner is enrolled in the course.</summary>
    Enrollment,
    /// <summary>problem_check answered 200 with full marks: the learner's score for the problem is stored.</summary>
    GradedSubmission,
}

/// <summary>A write the platform acknowledged: which learner (username), which course and, for a graded submission, which problem.</summary>
public sealed record AcknowledgedWrite(WriteKind Kind, string User, string Course, string? Problem = null)
{
    public override string ToString() => $"{Kind} {User} {Course}" + (Problem is null ? "" : $" {Problem}");
}
