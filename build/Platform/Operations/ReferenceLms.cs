using Mooc.Build;
using Mooc.Platform.Cluster;
using Mooc.Platform.Model;

namespace Mooc.Platform.Operations;

/// <summary>
/// The reference LMS's own management commands that operators run as one-off steps in the image of its
/// lms service, or in a running lms replica when they read input (import_olx)
/// (images/lms/app/learner/management/commands): the same names and arguments as Open edX's
/// where it has them (manage_user), so the targets read the same against either.
/// </summary>
public static class ReferenceLms
{
    public const string Service = "lms";
    const string ManagePy = "/opt/lms/manage.py";

    /// <summary>Only the reference platform has these commands; say what to do elsewhere.</summary>
    public static void Require(PlatformDefinition platform, string target)
    {
        if (platform.Name != "reference" || platform.EnabledServices.All(s => s.Name != Service))
            throw new BuildException(
                $"{target} runs the reference LMS's management commands; platform '{platform.Name}' is not the reference platform. "
                + "On Open edX run its own command in the lms container (e.g. './manage.py lms manage_user USERNAME EMAIL --staff', './manage.py cms import DATA_DIR COURSE').");
    }

    public static MigrationStep ManageUser(string username, string email, bool staff, string password) =>
        new("create-user", Service, ["python3", ManagePy, "manage_user", username, email, .. staff ? ["--staff"] : Array.Empty<string>()],
            new Dictionary<string, string> { ["LMS_USER_PASSWORD"] = password });

    /// <summary>import_olx reading the archive from its standard input, which the caller gives the exec.</summary>
    public static ServiceExec ImportOlx(string? courseId) =>
        new(Service, ["python3", ManagePy, "import_olx", "-", .. courseId is null ? Array.Empty<string>() : ["--course-id", courseId]]);
}
