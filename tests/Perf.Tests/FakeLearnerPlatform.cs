using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Mooc.Perf.OpenEdx;

namespace Mooc.Perf.Tests;

/// <summary>
/// A tiny in-process fake of the Open edX learner endpoints the scenario uses, with Django's
/// rules that matter to a client: csrftoken cookie and X-CSRFToken on posts, a session cookie
/// after registration or login, 302 to the login page when anonymous, graded problem_check, the inline discussion's JSON.
/// </summary>
public sealed class FakeLearnerPlatform
{
    private readonly ConcurrentDictionary<string, (string Email, string Password)> _users = new();
    private readonly ConcurrentDictionary<string, string> _sessions = new();
    private readonly ConcurrentDictionary<string, byte> _enrollments = new();

    /// <summary>When set, the grader ignores the checkbox answer, as a broken platform would.</summary>
    public bool GradesWrongly { get; set; }

    public int Registrations => _users.Count;

    public int Enrollments => _enrollments.Count;

    // Handlers take a second parameter on purpose: a lone HttpContext parameter would make
    // ASP.NET treat them as RequestDelegates and drop the IResult they return.
    public void Map(IEndpointRouteBuilder app)
    {
        foreach (var page in new[] { "/", "/register", "/login", "/courses", "/courses/{course}/about", "/courses/{course}/course/" })
        {
            app.MapGet(page, (HttpContext c) => Page(c, "page"));
        }
        app.MapGet("/dashboard", (HttpContext c) => User(c) is null ? Results.Redirect("/login?next=/dashboard") : Page(c, "dashboard"));
        app.MapGet("/courses/{course}/jump_to/{usage}", (string course) =>
            Results.Redirect($"/courses/{course}/courseware/{DemoCourse.QuizCoursewarePath}"));
        app.MapGet("/courses/{course}/courseware/{chapter}/{section}/{position}", (HttpContext c) =>
            Page(c, $"<input name=\"input_{DemoCourse.ProblemKey}_2_1\">"));
        app.MapGet("/courses/{course}/discussion/forum/{discussion}/inline", (HttpContext c) => User(c) is null
            ? Results.Redirect("/login")
            : Results.Json(new { discussion_data = new[] { new { title = "Welcome" } }, page = 1, num_pages = 1 }));
        app.MapPost("/user_api/v1/account/registration/", Register);
        app.MapPost("/login_ajax", Login);
        app.MapPost("/change_enrollment", Enroll);
        app.MapPost("/event", (HttpContext c) => Csrf(c) ?? Results.Text("success"));
        app.MapPost("/courses/{course}/xblock/{usage}/handler/xmodule_handler/problem_check", ProblemCheck);
    }

    private static IResult Page(HttpContext context, string body)
    {
        if (!context.Request.Cookies.ContainsKey("csrftoken"))
        {
            context.Response.Cookies.Append("csrftoken", Guid.NewGuid().ToString("N"));
        }
        return Results.Content($"<html>{body}</html>", "text/html");
    }

    private static IResult? Csrf(HttpContext context) =>
        context.Request.Cookies.TryGetValue("csrftoken", out var cookie)
        && context.Request.Headers["X-CSRFToken"].ToString() == cookie
            ? null
            : Results.Text("CSRF verification failed", statusCode: 403);

    private string? User(HttpContext context) =>
        context.Request.Cookies.TryGetValue("sessionid", out var session) && _sessions.TryGetValue(session, out var user) ? user : null;

    private void StartSession(HttpContext context, string username)
    {
        var session = Guid.NewGuid().ToString("N");
        _sessions[session] = username;
        context.Response.Cookies.Append("sessionid", session);
    }

    private async Task<IResult> Register(HttpContext context, CancellationToken ct)
    {
        var form = await context.Request.ReadFormAsync(ct);
        if (form["honor_code"] != "true" || string.IsNullOrEmpty(form["password"]))
        {
            return Results.Json(new { honor_code = new[] { new { user_message = "required" } } }, statusCode: 400);
        }
        if (!_users.TryAdd(form["username"].ToString(), (form["email"].ToString(), form["password"].ToString())))
        {
            return Results.Json(new { username = new[] { new { user_message = "taken" } } }, statusCode: 409);
        }
        StartSession(context, form["username"].ToString());
        return Results.Json(new { success = true });
    }

    private async Task<IResult> Login(HttpContext context, CancellationToken ct)
    {
        if (Csrf(context) is { } refused)
        {
            return refused;
        }
        var form = await context.Request.ReadFormAsync(ct);
        var user = _users.FirstOrDefault(u => u.Value.Email == form["email"] && u.Value.Password == form["password"]);
        if (user.Key is null)
        {
            return Results.Json(new { success = false, value = "Email or password is incorrect." });
        }
        StartSession(context, user.Key);
        return Results.Json(new { success = true });
    }

    private async Task<IResult> Enroll(HttpContext context, CancellationToken ct)
    {
        if (Csrf(context) is { } refused)
        {
            return refused;
        }
        if (User(context) is not { } user)
        {
            return Results.StatusCode(403);
        }
        var form = await context.Request.ReadFormAsync(ct);
        if (form["course_id"] != DemoCourse.CourseId || form["enrollment_action"] != "enroll")
        {
            return Results.StatusCode(400);
        }
        _enrollments[user] = 0;
        return Results.Ok();
    }

    private async Task<IResult> ProblemCheck(HttpContext context, string usage, CancellationToken ct)
    {
        if (Csrf(context) is { } refused)
        {
            return refused;
        }
        if (User(context) is null)
        {
            return Results.StatusCode(403);
        }
        if (usage != DemoCourse.ProblemUsageId)
        {
            return Results.NotFound();
        }
        var form = await context.Request.ReadFormAsync(ct);
        var key = DemoCourse.ProblemKey;
        var score = (form[$"input_{key}_2_1"] == "blue" ? 1 : 0)
                    + (form[$"input_{key}_3_1"] == "choice_2" ? 1 : 0)
                    + (!GradesWrongly && form[$"input_{key}_4_1[]"].Order().SequenceEqual(["choice_0", "choice_2"]) ? 1 : 0);
        return Results.Json(new
        {
            success = score == 3 ? "correct" : "incorrect",
            contents = "<p>graded</p>",
            progress_changed = true,
            current_score = score,
            total_possible = 3,
            attempts_used = 1,
        });
    }
}
