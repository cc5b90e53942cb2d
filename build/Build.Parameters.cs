using Mooc.Build;

/// <summary>
/// Every input of the pipeline, with what it allows. Defaults here; .nuke/parameters.json, the deployment's saved settings
/// ([Remembered] ones: saved by its Deploy), the environment and the command line override them.
/// </summary>
partial class Build
{
    [Parameter("The platform to build and deploy: a folder under manifests/ (reference, openedx)"), DnsLabel, Remembered]
    readonly string Platform = "reference";

    [Parameter("Platform parameters as key=value, e.g. release=juniper.master enable-forum=true (see the platform's parameters:)"), Remembered]
    [Pattern("^[A-Za-z0-9_.-]+=", "key=value, e.g. release=juniper.master")]
    readonly string[] Set = [];

    [Parameter("Where the platform runs: 'local' (the local Docker engine), a context of the kubeconfig (KUBECONFIG or ~/.kube/config), or 'in-cluster'"), Remembered]
    readonly string Cluster = "local";

    [Parameter("Kubernetes: the namespace of the deployment; default: the deployment's name"), DnsLabel, Remembered]
    readonly string? Namespace;

    [Parameter("Kubernetes: the platform's public URL (an ingress or a load balancer you run); default: a port-forward the pipeline opens through the API server"), Remembered]
    readonly Uri? PublicUrl;

    [Parameter("Kubernetes: a Deployment whose rollout fails goes back to its previous revision (the target still fails); default: on in CI, off elsewhere")]
    readonly bool? RollbackOnFailure;

    [Parameter("Name of the deployment (its network, volumes, secrets and lock); default: the platform's name"), DnsLabel, SettingsKey(Fallback = nameof(Platform))]
    readonly string? Deployment;

    [Parameter("Port on 127.0.0.1 where the platform's public service answers (local engine)"), Between(1, 65535), Remembered]
    readonly int PublicPort = 18000;

    [Parameter("How long services may take to become ready, and each migration step to finish"), AboveZero]
    readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(5);

    [Parameter("How long a deployment lock held by another run is waited for")]
    readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(10);

    [Parameter("Rebuild images even when one with the same content hash exists")]
    readonly bool ForceImages;

    [Parameter("Keep the container of a failed image step for inspection")]
    readonly bool KeepFailed;

    [Parameter("How many independent images build at once"), AtLeast(1)]
    readonly int ImageParallelism = 2;

    [Parameter("Registry HOST[:PORT] to push images to; the manifests then use the pushed names"), HostName(WithPort = true), Remembered]
    readonly string? Registry;

    [Parameter("Registry credentials as user:password; default: ~/.docker/config.json"), Secret]
    readonly string? RegistryCredentials;

    [Parameter("Manifests: the folder the rendered YAML goes to (new, empty, or rendered to before); default: the committed manifests/<platform>/rendered")]
    readonly string? ManifestsOutput;

    [Parameter("Storage class of the rendered claims; default: the cluster's"), HostName, Remembered]
    readonly string? StorageClass;

    [Parameter("Ingress class of the rendered Ingress; default: the cluster's"), HostName, Remembered]
    readonly string? IngressClass;

    [Parameter("Host names the platform answers to (the LMS's allowed hosts, nginx's server_name, the rendered Ingress); the smoke test uses the first"), HostName, Remembered]
    readonly string[] Hosts = [];

    [Parameter("Volumes of the claims on a cluster: Provisioned (the cluster's storage class) or Static (a PersistentVolume per claim under --volume-root, for clusters with no provisioner)"), Remembered]
    readonly Mooc.Manifests.VolumeMode Volumes = Mooc.Manifests.VolumeMode.Provisioned;

    [Parameter("Required with --volumes static: absolute directory on the node that keeps each claim's data in <root>/<namespace>/<claim>"), Remembered]
    [Pattern(@"^/(?!(.*/)?\.\.?(/|$))", "an absolute path on the node without '.' or '..' parts, e.g. /srv/mooc-volumes")]
    [RequiredWhen(nameof(Volumes), Mooc.Manifests.VolumeMode.Static)]
    readonly string? VolumeRoot;

    [Parameter("With --volumes static: the node that keeps the volumes (kubernetes.io/hostname); default: the cluster's only node"), HostName, Remembered]
    readonly string? VolumeNode;

    [Parameter("Preflight on a cluster: also check that a pod resolves a name outside the cluster (deb.debian.org)")]
    readonly bool CheckEgress;

    [Parameter("Status: refresh the table every 2 s until Ctrl-C")]
    readonly bool Watch;

    [Parameter("Run the migration steps even when nothing they use changed")]
    readonly bool ForceMigrate;

    [Parameter("How long smoke checks are retried before they fail"), AboveZero]
    readonly TimeSpan SmokeTimeout = TimeSpan.FromMinutes(2);

    [Parameter("SmokeTest and LoadTest keep the accounts they registered (marked as test accounts of their run) instead of removing them with what they wrote")]
    readonly bool KeepTestData;

    [Parameter("Down also removes the deployment's volumes (its data), secrets and saved settings; ClusterDown also the test cluster's data")]
    readonly bool Purge;

    [Parameter("Load test: concurrent virtual learners (closed model)"), AtLeast(1)]
    readonly int Users = 4;

    [Parameter("Load test: new learners per second (open model); when set, --users is not used"), AboveZero]
    readonly double? Rate;

    [Parameter("Load test: measured time, after the warm-up"), AboveZero]
    readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(30);

    [Parameter("Load test: time to go from 0 to --users learners")]
    readonly TimeSpan RampUp = TimeSpan.FromSeconds(5);

    [Parameter("Load test: time at the start whose results are not counted")]
    readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);

    [Parameter("Load test: shortest think time between steps (uniform random, as JMeter's timer)"), NotAbove(nameof(ThinkTimeMax))]
    readonly TimeSpan ThinkTimeMin = TimeSpan.FromMilliseconds(200);

    [Parameter("Load test: longest think time between steps")]
    readonly TimeSpan ThinkTimeMax = TimeSpan.FromSeconds(1);

    [Parameter("Load test threshold: most failed requests allowed, in percent"), Between(0, 100)]
    readonly double MaxErrorPercent = 1;

    [Parameter("Load test threshold: slowest 95th-percentile response time allowed, over all steps"), AboveZero]
    readonly TimeSpan MaxP95 = TimeSpan.FromSeconds(5);

    [Parameter("Load test threshold: fewest requests per second allowed"), AboveZero]
    readonly double? MinRps;

    [Parameter("Load test: stop and fail once more requests than this have failed (a platform that is down)"), AtLeast(0)]
    readonly int MaxFailures = 100;

    [Parameter("Local engine: serve HTTPS on the public port with --tls-cert and --tls-key, else with a self-signed certificate the pipeline makes (kept with the deployment's secrets, reused)"), Remembered]
    readonly bool Tls;

    [Parameter("HTTPS: the certificate file (PEM, the server's first, then intermediates); implies --tls, needs --tls-key"), Remembered]
    readonly string? TlsCert;

    [Parameter("HTTPS: the certificate's private key file (PEM, unencrypted); needs --tls-cert"), Remembered]
    readonly string? TlsKey;

    [Parameter("CreateUser: the account's public user name (learners log in with the email)"), Pattern("^[A-Za-z0-9_-]{2,30}$", "2 to 30 letters, digits, '_' or '-', e.g. ada_l")]
    readonly string? UserName;

    [Parameter("CreateUser: the account's email"), Pattern(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", "an email address, e.g. ada@example.edu")]
    readonly string? UserEmail;

    [Parameter("CreateUser: a staff member (course staff rights) rather than a learner")]
    readonly bool Staff;

    [Parameter("CreateUser: the password; default: the one kept for this user, else a generated one. Give it in the environment (USER_PASSWORD), not on the command line"), Secret]
    readonly string? UserPassword;

    [Parameter("CreateUser: print the password (it is never printed otherwise)")]
    readonly bool ShowPassword;

    [Parameter("ImportCourse: an Open edX OLX course export (.tar.gz), or a folder holding course.xml")]
    readonly string? CourseArchive;

    [Parameter("ImportCourse: import under this course key instead of the archive's"), Pattern(@"^course-v1:[^+/:\s]+\+[^+/:\s]+\+[^+/:\s]+$", "course-v1:ORG+NUMBER+RUN, e.g. course-v1:UniX+CS101+2026")]
    readonly string? CourseId;

    [Parameter("Fault test: the service whose replica is killed (lms, mysql, memcached, ...)"), DnsLabel]
    readonly string FaultService = "lms";

    [Parameter("Fault test: replica (kill one replica of --fault-service) or node (drain a node running one; Kubernetes with more than one node)")]
    readonly Mooc.Fault.FaultKind Fault = Mooc.Fault.FaultKind.Replica;

    [Parameter("Fault test: when the fault comes, after the warm-up; default a third into --load-duration")]
    readonly TimeSpan? FaultAt;

    [Parameter("Fault test threshold: longest time from the fault until the service is ready again and the error rate is back to its level before the fault"), AboveZero]
    readonly TimeSpan MaxRecovery = TimeSpan.FromSeconds(30);

    [Parameter("Fault test threshold: most requests allowed to fail from the fault to the recovery"), AtLeast(0)]
    readonly int MaxFailedRequests = 5;

    [Parameter("Run only the tests matching this dotnet test filter, e.g. FullyQualifiedName~Engine")]
    readonly string? TestFilter;
}
