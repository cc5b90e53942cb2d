using System.Text;
using Mooc.Build;
using Mooc.Platform.Cluster;

namespace Mooc.Platform.Operations;

/// <summary>A user or staff member to create (or update) on the platform; <see cref="Password"/> null: the kept one, else a generated one.</summary>
public sealed record NewUser(string Username, string Email, bool Staff, string? Password);

/// <summary>
/// Creates accounts through the LMS's manage_user. The password is kept with the deployment's secrets
/// (key user-&lt;username&gt;), so running it again changes nothing and an operator can look it up; it
/// reaches the step in its environment, never its command line, and is masked in every log line.
/// </summary>
public static class UserAccounts
{
    const int GeneratedLength = 20;

    public static string SecretKey(string username) => "user-" + username;

    /// <returns>The password the account has now.</returns>
    public static async Task<string> CreateAsync(IClusterEngine engine, ClusterDeployment deployment, NewUser user, TimeSpan deadline, CancellationToken ct)
    {
        ReferenceLms.Require(deployment.Platform, "CreateUser");
        var store = engine.SecretStore(deployment.Platform.Name, deployment.Name);
        var kept = (await store.ReadAsync(ct)).ToDictionary();
        var key = SecretKey(user.Username);
        var password = user.Password ?? (kept.TryGetValue(key, out var existing) ? existing : GeneratedSecret.New(GeneratedSecret.Readable, GeneratedLength));
        SecretMaskingWriter.Register(password);

        await OneOffStep.RunAsync(engine, deployment, ReferenceLms.ManageUser(user.Username, user.Email, user.Staff, password), deadline, ct);
        if (!kept.TryGetValue(key, out var before) || before != password)
        {
            kept[key] = password;
            await store.WriteAsync(kept, ct);
        }
        Log.Success($"{(user.Staff ? "Staff member" : "User")} '{user.Username}' <{user.Email}> can log in; the password is kept in {store.Location} under '{key}' (--show-password prints it)");
        return password;
    }

    /// <summary>Writes past the console's masking: only when the operator asked for it (--show-password).</summary>
    public static void PrintUnmasked(string username, string password)
    {
        Console.Out.Flush();
        using var stdout = Console.OpenStandardOutput();
        stdout.Write(Encoding.UTF8.GetBytes($"Password of '{username}': {password}\n"));
    }
}
