using System.Security.Cryptography;
using Mooc.Images;
using Mooc.Platform.Cluster;
using Mooc.Platform.Loading;
using Mooc.Platform.Model;

namespace Mooc.Tests.Shared;

/// <summary>
/// A small stand-in platform on a real image made from debian:bookworm: a tiny perl file server
/// (perl-base is in every Debian), so engine tests run in seconds. "store" keeps files on a
/// volume; "app" (two replicas, public) serves /data and is ready only once the migrate step wrote
/// /data/migrated, as the LMS is only healthy once migrated.
/// </summary>
public static partial class StandIn
{
    const string Server = """
        use IO::Socket::INET;
        $SIG{TERM} = sub { exit 0 };
        my ($port, $root) = @ARGV;
        my $s = IO::Socket::INET->new(LocalAddr => "0.0.0.0", LocalPort => $port, Listen => 16, ReuseAddr => 1) or die "cannot listen on $port: $!";
        $| = 1;
        print "serving $root on $port\n";
        while (my $c = $s->accept) {
          my $line = <$c>;
          next unless defined $line;
          while (my $h = <$c>) { last if $h =~ /^\r?\n$/ }
          my ($path) = $line =~ m{^GET (\S+)};
          my ($code, $body) = (404, "not found\n");
          if ($path eq "/health") { ($code, $body) = (200, "ok\n") }
          elsif ($path !~ /\.\./ && -f "$root$path") { open my $f, "<", "$root$path"; local $/; $body = <$f>; $code = 200 }
          print $c "HTTP/1.0 $code X\r\nContent-Length: " . length($body) . "\r\nConnection: close\r\n\r\n$body";
          close $c;
        }
        """;

    /// <summary>The image's entrypoint: leaves a mark on /data, as a database image's prepares its data directory, then runs its arguments.</summary>
    const string Entrypoint = """
        echo "entrypoint ran" > /data/entrypoint-ran
        exec "$@"
        """;

    static readonly SemaphoreSlim Gate = new(1, 1);
    static string? _image;

    /// <summary>
    /// The stand-in image, built once like any recipe (so a missing debian:bookworm is made the
    /// pipeline's way, under its lock) and reused while the server script is unchanged.
    /// </summary>
    public static async Task<string> ImageAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_image is not null) return _image;
            var root = Directory.CreateTempSubdirectory("standin-recipe-").FullName;
            var recipe = Directory.CreateDirectory(Path.Combine(root, "images", "standin")).FullName;
            await File.WriteAllTextAsync(Path.Combine(recipe, "serve.pl"), Server);
            await File.WriteAllTextAsync(Path.Combine(recipe, "entry.sh"), Entrypoint);
            await File.WriteAllTextAsync(Path.Combine(recipe, "image.yaml"), """
                from: debian:bookworm
                files:
                  - source: serve.pl
                    target: /usr/local/bin/serve.pl
                  - source: entry.sh
                    target: /usr/local/bin/entry.sh
                steps:
                  - name: content
                    run: mkdir -p /data /srv && echo hello > /srv/index
                commit:
                  entrypoint: ["sh", "/usr/local/bin/entry.sh"]
                  cmd: ["perl", "/usr/local/bin/serve.pl", "8000", "/srv"]
                """);
            var images = await ImageBuilder.BuildAsync(new ImageBuildRequest { RepositoryRoot = root, ImageNamespace = "mooc-test" }, CancellationToken.None);
            Directory.Delete(root, recursive: true);
            return _image = images["standin"].LocalTag;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <param name="storeArgs">The store's command line; change it to force a replacement of the store.</param>
    /// <param name="appArgs">The app's command line; a broken one makes a broken service.</param>
    /// <param name="migrate">The migrate step's shell command.</param>
    /// <param name="appReplacesEntrypoint">The app gives its command line as its entrypoint (the image's does not run) rather than as arguments to it.</param>
    public static PlatformDefinition Platform(string image, string storeArgs = "perl /usr/local/bin/serve.pl 7000 /data", string appArgs = "perl /usr/local/bin/serve.pl 8000 /data",
        string migrate = "echo migrating; echo v1 > /data/migrated", bool appReplacesEntrypoint = false) =>
        PlatformLoader.Parse($$"""
            name: standin
            secrets:
              - name: store-password
                length: 24
            services:
              - name: store
                image: {{image}}
                kind: stateful
                args: [bash, -c, "{{storeArgs}}"]
                ports: [{name: files, containerPort: 7000}]
                secretEnv: {STORE_PASSWORD: store-password}
                volumes: [{name: store-data, mountPath: /data, size: 1Gi}]
                probes:
                  readiness: {http: {path: /health, port: 7000}, periodSeconds: 1}
                # A small request: the test cluster's one node has 2 CPUs for all the tests running at once.
                resources:
                  requests: {cpu: 10m, memory: 16Mi}
                  limits: {cpu: 500m, memory: 64Mi}
              - name: app
                image: {{image}}
                replicas: 2
                dependsOn: [store]
                {{(appReplacesEntrypoint ? "entrypoint" : "args")}}: [bash, -c, "{{appArgs}}"]
                ports: [{name: http, containerPort: 8000}]
                env: {STORE: "store:7000"}
                volumes: [{name: app-data, mountPath: /data, size: 1Gi, accessMode: ReadWriteMany}]
                probes:
                  readiness: {http: {path: /migrated, port: 8000}, periodSeconds: 1}
                public: {port: 8000}
            migrations:
              - name: migrate
                service: app
                command: [bash, -c, "{{migrate}}"]
            smoke:
              - name: migrated
                path: /migrated
                status: 200
                contains: v1
              - name: missing-page
                path: /nope
                status: 404
            """, "standin/platform.yaml");

    /// <summary>A name no other test uses, also valid as a namespace.</summary>
    public static string NewName() => "t" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>A fresh deployment of <paramref name="platform"/> on <paramref name="engine"/>, with its own name and secrets.</summary>
    public static Task<ClusterDeployment> DeploymentAsync(IClusterEngine engine, PlatformDefinition platform, string? name = null) =>
        ClusterDeployment.PrepareAsync(engine, name ?? NewName(), platform, new Dictionary<string, string>(), CancellationToken.None);
}
