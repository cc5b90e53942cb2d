using Mooc.Build;
using Mooc.Fault;
using Mooc.Images;
using Mooc.Manifests;
using Mooc.Perf.Fault;
using Mooc.Perf.Learner;
using Mooc.Platform.Cluster;
using Mooc.Platform.Backup;
using Mooc.Platform.Operations;
using Mooc.Platform.Cluster.Preflight;
using Mooc.Platform.Cluster.Status;
using Mooc.Smoke;
using Mooc.TestCluster;

/// <summary>
/// The pipeline: every target, what it depends on and what it does. The work lives in the parts
/// (build/Images, build/Platform, build/Manifests, build/Local, build/Smoke, perf/); the state the
/// targets share (platform, images, cluster, lock) is in Build.Context.cs, the inputs in Build.Parameters.cs.
/// </summary>
// GitHub's runner is not root and lacks Debian's source packages: the Kubernetes test cluster's tests (category Cluster) run in .ci/run only.
[GitHubActions("ci", GitHubActionsImage.UbuntuLatest,
    On = [GitHubActionsTrigger.Push, GitHubActionsTrigger.PullRequest],
    InvokedTargets = ["Test", "LoadTest"],
    Arguments = "--test-filter 'Category!=Cluster'",
    ImportSecrets = [nameof(RegistryCredentials)],
    PublishArtifacts = [".nuke/temp/test-results/**", "results/**"])]
partial class Build : NukeBuild
{
    public static Task<int> Main() => Execute<Build>(x => x.Deploy);

    Target Images => _ => _
        .Description("Build the platform's provisioned images (docker commit); unchanged ones are reused")
        .Validates(PlatformAndRecipes, ClusterName)
        .Executes(async ct =>
        {
            BuiltImages = await ImageBuilder.BuildAsync(ImageRequest(), ct);
            ReportSummary("images", string.Join(" ", BuiltImages.Values.Select(i => i.Reference + (i.Built ? " (built)" : ""))));
        });

    Target Manifests => _ => _
        .Description("Validate the platform and render it to Kubernetes YAML in manifests/<platform>/rendered (or --manifests-output)")
        .Validates(PlatformFile)
        .After(Images)
        .Executes(async ct => ReportSummary("objects", (await RenderManifestsAsync(ct)).ObjectCount.ToString()));

    Target Preflight => _ => _
        .Description("Before Deploy: can the cluster take the platform (access, nodes, storage, ingress, DNS, images, version; locally Docker, disk, port)? A table with each failure's fix; --skip Preflight deploys anyway")
        .Validates(PlatformAndRecipes, ClusterName)
        .After(Images, Manifests)
        .Executes(async ct => await PreflightRun.RunAsync(PreflightChecks(), await PreflightRequestAsync(ct), ct));

    Target DataServices => _ => _
        .Description("Deploy, phase 1: the services the migrations need (databases, caches), applied and waited for until ready")
        .Validates(PlatformAndRecipes, ClusterName)
        .DependsOn(Images, Manifests, Preflight)
        .SavesSettings()
        .Executes(async ct => await PlatformRollout.StartDataServicesAsync(await ClusterAsync(ct), await DeploymentAsync(ct), ReadyTimeout, ct));

    Target Migrate => _ => _
        .Description("Deploy, phase 2, or alone: the migration and seed steps, in order; skipped when nothing they use changed")
        .Validates(PlatformAndRecipes, ClusterName)
        .After(DataServices)
        .Executes(async ct =>
        {
            await BackupBeforeMigratingAsync(ct);
            ReportSummary("steps", await Migrations.RunAsync(await ClusterAsync(ct), await DeploymentAsync(ct), ReadyTimeout, ForceMigrate, ct) ? "ran" : "up to date");
        });

    Target Deploy => _ => _
        .Description("Run the platform on the cluster: data services, migrations, then the application, which takes traffic only now; wait until ready")
        .Validates(PlatformAndRecipes, ClusterName, TlsInputs)
        .DependsOn(DataServices, Migrate)
        .Triggers(SmokeTest)
        .SavesSettings()
        .Executes(async ct =>
        {
            var deployment = await DeploymentAsync(ct);
            await PlatformRollout.StartApplicationAsync(await ClusterAsync(ct), deployment, ReadyTimeout, ct);
            ReportSummary("url", (await SmokeEndpointAsync(ct)).ToString());
        });

    Target SmokeTest => _ => _
        .Description("The platform's smoke checks through its public entry point, retried up to --smoke-timeout; over HTTPS, the deployment's certificate for the host name; the learner it registers is removed after (--keep-test-data keeps it)")
        .Validates(PlatformAndRecipes, ClusterName, TlsInputs)
        .After(Deploy)
        .Executes(async ct => await WithTestDataAsync("smoke", async run => await SmokeTests.RunAsync(LoadedPlatform, await SmokeEndpointAsync(ct), SmokeTimeout, ct, run), ct));

    Target LoadTest => _ => _
        .Description("The report's learner scenario (chapter 6.4) under load; thresholds fail the build; its learners are removed after (--keep-test-data keeps them)")
        .Validates(PlatformAndRecipes, ClusterName)
        .DependsOn(Deploy)
        .After(SmokeTest)
        .Executes(async ct => await WithTestDataAsync("load", async run =>
        {
            var outcome = await LearnerLoadTest.RunAsync(LoadTestOptionsFor(await PublicUrlAsync(ct)) with { TestRun = run }, ct);
            ReportSummary("reports", outcome.Reports.Directory);
            if (!outcome.Passed) throw new InvalidOperationException(outcome.Summary);
        }, ct));

    Target CreateUser => _ => _
        .Description("Reference platform: create or update a user (--user-name, --user-email; --staff for a staff member) through the LMS's manage_user; the password is USER_PASSWORD, else kept with the deployment's secrets or generated, printed only with --show-password")
        .Validates(PlatformAndRecipes, ClusterName, () => ReferenceLms.Require(LoadedPlatform, nameof(CreateUser)))
        .Requires(() => UserName, () => UserEmail)
        .After(Deploy)
        .Executes(async ct =>
        {
            var password = await UserAccounts.CreateAsync(await ClusterAsync(ct), await DeploymentAsync(ct), new NewUser(UserName!, UserEmail!, Staff, UserPassword), ReadyTimeout, ct);
            if (ShowPassword) UserAccounts.PrintUnmasked(UserName!, password);
        });

    Target ImportCourse => _ => _
        .Description("Reference platform: import an Open edX OLX course (--course-archive: a .tar.gz export or a folder) into the catalog, under --course-id if given; again: updated in place")
        .Validates(PlatformAndRecipes, ClusterName, () => ReferenceLms.Require(LoadedPlatform, nameof(ImportCourse)))
        .Requires(() => CourseArchive)
        .After(Deploy)
        .Executes(async ct => await CourseImport.ImportAsync(await ClusterAsync(ct), await DeploymentAsync(ct), CourseArchive!, CourseId, ReadyTimeout, ct));

    Target FaultTest => _ => _
        .Description("Kill a replica of --fault-service while learners work at a steady rate: recovery measured, acknowledged writes counted in the database; thresholds fail the build; its learners are removed after (--keep-test-data keeps them)")
        .Validates(PlatformAndRecipes, ClusterName)
        .DependsOn(Deploy)
        .After(SmokeTest, LoadTest)
        .Executes(async ct => await WithTestDataAsync("fault", async run =>
        {
            var outcome = await LearnerFaultTest.RunAsync(FaultTestOptionsFor(await PublicUrlAsync(ct)) with { TestRun = run }, await FaultTargetAsync(ct), ct);
            ReportSummary("reports", outcome.ReportDirectory);
            if (!outcome.Passed) throw new InvalidOperationException(outcome.Summary);
        }, ct));

    Target Status => _ => _
        .Description("The deployed platform as a table (replicas, image, age, restarts, why anything is not ready), its URLs and the newest reports; --watch refreshes it until Ctrl-C")
        .Validates(PlatformFile, ClusterName)
        .After(Deploy, LoadTest)
        .Executes(async ct => await StatusView.ShowAsync(await ClusterAsync(ct), LoadedPlatform, DeploymentName, ResultsDirectory, Watch, ct));

    Target Stop => _ => _
        .Description("Stop the deployment's services (--service: some), keeping containers and data; on Kubernetes, scale them to zero")
        .Validates(PlatformFile, ClusterName)
        .Executes(async ct => await StopStart.StopAsync(await ClusterAsync(ct), await OperatedDeploymentAsync(locked: true, ct), Services(), ct));

    Target Start => _ => _
        .Description("Start what Stop stopped and wait until ready; on Kubernetes, scale back to the replicas before the stop")
        .Validates(PlatformFile, ClusterName)
        .After(Stop)
        .Executes(async ct => await StopStart.StartAsync(await ClusterAsync(ct), await OperatedDeploymentAsync(locked: true, ct), Services(), ReadyTimeout, ct));

    Target Logs => _ => _
        .Description("Print the services' logs (--service, --since, --tail, --follow), every replica's lines interleaved by time, prefixed with the replica")
        .Validates(PlatformFile, ClusterName)
        .Executes(async ct =>
        {
            var options = new LogOptions(Follow, Since is { } since ? DateTimeOffset.UtcNow - since : null, Tail);
            var lines = await ServiceLogs.PrintAsync(await ClusterAsync(ct), await OperatedDeploymentAsync(locked: false, ct), Services(), options, Console.Out.WriteLine, ct);
            ReportSummary("lines", lines.ToString());
        });

    Target Backup => _ => _
        .Description("Back up the deployment: every database dumped in one transaction, every other volume archived, with a manifest, to --backup-dir/<deployment>-<time>.tar.gz")
        .Validates(PlatformAndRecipes, ClusterName)
        .Executes(async ct => ReportSummary("backup", await DeploymentBackup.CreateAsync(await ClusterAsync(ct), await DeploymentAsync(ct), BackupDirectory, "Backup target", ct)));

    Target Restore => _ => _
        .Description("Restore --backup into the deployment: checks the archive is of this platform, stops the application, writes the data, migrates, starts and waits")
        .Validates(PlatformAndRecipes, ClusterName)
        .Requires(() => BackupFile)
        .Executes(async ct => await DeploymentRestore.RestoreAsync(await ClusterAsync(ct), await DeploymentAsync(ct), Path.GetFullPath(BackupFile!, RootDirectory), ReadyTimeout, ct));

    Target Shell => _ => _
        .Description("Run --command (or what follows --) in a service's container (--service; default: the application), or an interactive shell, with a TTY when this is a terminal")
        .Validates(PlatformFile, ClusterName)
        .Executes(async ct =>
        {
            var code = await ServiceShell.RunAsync(await ClusterAsync(ct), await OperatedDeploymentAsync(locked: false, ct), Service.FirstOrDefault(), Command, ct);
            if (code != 0) throw new BuildException($"The command exited with code {code}.");
        });

    Target Down => _ => _
        .Description("Remove the deployment; volumes, secrets and its saved settings stay unless --purge")
        .Validates(PlatformFile, ClusterName)
        .After(LoadTest, SmokeTest, FaultTest)
        .Executes(async ct => await RemoveDeploymentAsync(ct));

    Target ClusterUp => _ => _
        .Description("Start the test cluster: one-node Kubernetes v1.20.2 built from Debian's source (once, then cached); merges the kubeconfig context mooc-local")
        .Executes(async ct => await TestCluster.UpAsync(ct));

    Target ClusterDown => _ => _
        .Description("Stop the test cluster and undo its changes to the host (iptables, sysctls, DNS); --purge also deletes its data")
        .Executes(async ct => await TestCluster.DownAsync(Purge, ct));

    Target Clean => _ => _
        .Description("Remove build outputs and test results (deployment secrets are kept)")
        .Before(Test)
        .Executes(() => Workspace.Clean());

    Target Test => _ => _
        .Description("Build and run the project's own tests; ends with 'N passed, N failed'")
        .Executes(async ct =>
        {
            var (counts, result) = await DotNetTest.RunAsync("mooc.slnx", TestFilter, Path.Combine(TemporaryDirectory, "test-results"), ct);
            ReportSummary("tests", counts.ToString());
            ReportFinalLine(counts.ToString());
            if (!result.Succeeded) throw new InvalidOperationException($"dotnet test failed (exit {result.ExitCode}): {counts}");
        });
}
