namespace Mooc.Perf.OpenEdx;

/// <summary>
/// The Open edX demo course (edX DemoX) as both native Open edX and the reference platform serve
/// it: where its quiz unit and its unit discussion sit, and the answers that score full marks on its first problem.
/// </summary>
public static class DemoCourse
{
    public const string CourseId = "course-v1:edX+DemoX+Demo_Course";

    public const string QuizUnitUsageId = "block-v1:edX+DemoX+Demo_Course+type@vertical+block@54bb9b142c6c4c22afc62bcb628f0e68";

    public const string ProblemUsageId = "block-v1:edX+DemoX+Demo_Course+type@problem+block@a0effb954cca4759994f1ac9e9434bf4";

    public const string QuizCoursewarePath = "interactive_demonstrations/basic_questions/3";

    /// <summary>The discussion of the "Getting Started" unit, seeded with a welcome thread on the reference platform.</summary>
    public const string DiscussionId = "getting_started_discussion";

    public static string InlineDiscussionPath(string courseId = CourseId, string discussionId = DiscussionId) =>
        $"courses/{courseId}/discussion/forum/{discussionId}/inline";

    public const string ProblemKey = "a0effb954cca4759994f1ac9e9434bf4";

    /// <summary>Form fields of the correct answers: text input, one choice, two checkboxes (3 points).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> CorrectAnswers { get; } =
    [
        new($"input_{ProblemKey}_2_1", "blue"),
        new($"input_{ProblemKey}_3_1", "choice_2"),
        new($"input_{ProblemKey}_4_1[]", "choice_0"),
        new($"input_{ProblemKey}_4_1[]", "choice_2"),
    ];

    /// <summary>Answers that score nothing, to check that grading is real.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> WrongAnswers { get; } =
    [
        new($"input_{ProblemKey}_2_1", "red"),
        new($"input_{ProblemKey}_3_1", "choice_0"),
        new($"input_{ProblemKey}_4_1[]", "choice_1"),
    ];
}
