using System.Text;
using System.Text.RegularExpressions;
using Mooc.Perf.Learner;
using Mooc.Platform.Backup;
using Mooc.Platform.Cluster;

namespace Mooc.Fault;

/// <summary>
/// The learners' writes as the platform's MySQL holds them, read with the mysql client inside the database's
/// own container (through the engine, so on either engine) as a backup reads it (<see cref="DatabaseCommands"/>: the
/// root password comes from the container's own environment, never through this process). The reference LMS keeps Open edX's table shapes under its own app's
/// names; both are recognised.
/// </summary>
public sealed partial class LearnerDatabase(IClusterEngine engine, ClusterDeployment deployment)
{
    const string DatabaseService = "mysql";
    const string Database = "edxapp";

    sealed record Tables(string Enrollment, string StudentModule, string BlockColumn);

    static readonly Tables Reference = new("learner_courseenrollment", "learner_studentmodule", "block_id");
    static readonly Tables OpenEdx = new("student_courseenrollment", "courseware_studentmodule", "module_state_key");

    public async Task<IReadOnlyCollection<AcknowledgedWrite>> FindAsync(IReadOnlyCollection<AcknowledgedWrite> acknowledged, CancellationToken ct)
    {
        var users = acknowledged.Select(w => w.User).Distinct().ToList();
        if (users.Count == 0) return [];
        foreach (var user in users.Where(u => !SafeName().IsMatch(u)))
            throw new InvalidOperationException($"learner name '{user}' is not what the load test makes (letters and digits): refusing to put it in a query");
        var tables = (await QueryAsync($"SHOW TABLES LIKE '{Reference.Enrollment}'", ct)).Count > 0 ? Reference : OpenEdx;
        var found = new List<AcknowledgedWrite>();
        foreach (var chunk in users.Chunk(500))
        {
            var names = string.Join(",", chunk.Select(u => $"'{u}'"));
            foreach (var row in await QueryAsync(
                $"SELECT u.username, e.course_id FROM {tables.Enrollment} e JOIN auth_user u ON u.id = e.user_id WHERE e.is_active = 1 AND u.username IN ({names})", ct))
                found.Add(new AcknowledgedWrite(WriteKind.Enrollment, row[0], row[1]));
            foreach (var row in await QueryAsync(
                $"SELECT u.username, m.course_id, m.{tables.BlockColumn} FROM {tables.StudentModule} m JOIN auth_user u ON u.id = m.student_id "
                + $"WHERE m.grade IS NOT NULL AND m.grade = m.max_grade AND u.username IN ({names})", ct))
                found.Add(new AcknowledgedWrite(WriteKind.GradedSubmission, row[0], row[1], row[2]));
        }
        return found;
    }

    /// <summary>Runs one statement with the mysql client in the database's container; its rows, tab-separated.</summary>
    async Task<IReadOnlyList<string[]>> QueryAsync(string sql, CancellationToken ct)
    {
        using var stdin = new MemoryStream(Encoding.UTF8.GetBytes(sql + ";\n"));
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var exit = await engine.ExecAsync(deployment, new ServiceExec(DatabaseService, DatabaseCommands.Query(Database))
        {
            Stdin = stdin,
            Stdout = stdout,
            Stderr = stderr,
        }, ct);
        if (exit != 0)
            throw new InvalidOperationException($"counting the acknowledged writes in {DatabaseService} failed (mysql exit code {exit}): {Encoding.UTF8.GetString(stderr.ToArray()).Trim()}");
        return Encoding.UTF8.GetString(stdout.ToArray())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.TrimEnd('\r').Split('\t'))
            .ToList();
    }

    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex SafeName();
}
