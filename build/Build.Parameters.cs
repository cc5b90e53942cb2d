using Mooc.Build;

/// <summary>Every input of the pipeline, with what it allows. Defaults here; .nuke/parameters.json, the environment and the command line override them.</summary>
partial class Build
{
    [Parameter("The platform to build and deploy: a folder under manifests/ (reference, openedx)"), DnsLabel]
    readonly string Platform = "reference";

    [Parameter("Platform parameters as key=value, e.g. release=juniper.master enable-forum=true (see the platform's parameters:)")]
    [Pattern("^[A-Za-z0-9_.-]+=", "key=value, e.g. release=juniper.master")]
    readonly string[] Set = [];

    [Parameter("Where the platform runs: 'local' (the local Docker engine), a context of the kubeconfig (KUBECONFIG or ~/.kube/config), or 'in-cluster'")]
    readonly string Cluster = "local";

    [Parameter("Kubernetes: the namespace of the deployment; default: the deployment's name"), DnsLabel]
    readonly string? Namespace;

    [Parameter("Kubernetes: the platform's public URL (an ingress or a load balancer you run); default: a port-forward the pipeline opens through the API server")]
    readonly Uri? PublicUrl;

    [Parameter("Kubernetes: a Deployment whose rollout fails goes back to its previous revision (the target still fails); default: on in CI, off elsewhere")]
    readonly bool? RollbackOnFailure;

    [Parameter("Name of the deployment (its network, volumes, secrets and lock); default: the platform's name"), DnsLabel]
    readonly string? Deployment;

    [Parameter("Port on 127.0.0.1 where the platform's public service answers (local engine)"), Between(1, 65535)]
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

    [Parameter("Registry HOST[:PORT] to push images to; the manifests then use the pushed names"), HostName(WithPort = true)]
    readonly string? Registry;

    [Parameter("Registry credentials as user:password; default: ~/.docker/config.json"), Secret]
    readonly string? RegistryCredentials;

    [Parameter("Storage class of the rendered claims; default: the cluster's"), HostName]
    readonly string? StorageClass;

    [Parameter("Ingress class of the rendered Ingress; default: the cluster's"), HostName]
    readonly string? IngressClass;

    [Parameter("Host names the rendered Ingress answers for"), HostName]
    readonly string[] Hosts = [];

    [Parameter("Volumes of the claims on a cluster: Provisioned (the cluster's storage class) or Static (a PersistentVolume per claim under --volume-root, for clusters with no provisioner)")]
    readonly Mooc.Manifests.VolumeMode Volumes = Mooc.Manifests.VolumeMode.Provisioned;

    [Parameter("Required with --volumes static: absolute directory on the node that keeps each claim's data in <root>/<namespace>/<claim>")]
    [Pattern(@"^/(?!(.*/)?\.\.?(/|$))", "an absolute path on the node without '.' or '..' parts, e.g. /srv/mooc-volumes")]
    [RequiredWhen(nameof(Volumes), Mooc.Manifests.VolumeMode.Static)]
    readonly string? VolumeRoot;

    [Parameter("With --volumes static: the node that keeps the volumes (kubernetes.io/hostname); default: the cluster's only node"), HostName]
    readonly string? VolumeNode;

    [Parameter("Preflight on a cluster: also check that a pod resolves a name outside the cluster (deb.debian.org)")]
    readonly bool CheckEgress;

    [Parameter("Status: refresh the table every 2 s until Ctrl-C")]
    readonly bool Watch;

    [Parameter("Run the migration steps even when nothing they use changed")]
    readonly bool ForceMigrate;

    [Parameter("How long smoke checks are retried before they fail"), AboveZero]
    readonly TimeSpan SmokeTimeout = TimeSpan.FromMinutes(2);

    [Parameter("Down also removes the deployment's volumes (its data) and secrets; ClusterDown also the test cluster's data")]
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

    [Parameter("Run only the tests matching this dotnet test filter, e.g. FullyQualifiedName~Engine")]
    readonly string? TestFilter;
}
