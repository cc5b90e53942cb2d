namespace ReferencePlatform.Tests.Fixture;

/// <summary>nginx in front of gunicorn, as the nginx image runs it: /static/ from the app's files, the rest proxied.</summary>
public sealed class NginxProxy(string directory, int port, int upstreamPort, string staticDirectory) : IAsyncDisposable
{
    Daemon? _daemon;

    public Uri BaseAddress => new($"http://127.0.0.1:{port}/");

    public async Task StartAsync(HttpClient http, CancellationToken ct)
    {
        var prefix = Path.Combine(directory, "nginx");
        Directory.CreateDirectory(prefix);
        var config = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(config, Config(prefix), ct);
        _daemon = Daemon.Start("nginx", "/usr/sbin/nginx",
            ["-p", prefix, "-c", config, "-e", Path.Combine(prefix, "error.log")], directory);
        await _daemon.WaitUntilAsync(async c =>
        {
            if (!await FreePort.AcceptsAsync(port, c)) return false;
            using var response = await http.GetAsync(new Uri(BaseAddress, "static/lms.css"), c);
            return response.IsSuccessStatusCode;
        }, TimeSpan.FromSeconds(20), ct);
    }

    // Workers run as root when the tests do, so they can use the private temp directory.
    string Config(string prefix) => $$"""
        daemon off;
        {{(Environment.UserName == "root" ? "user root;" : "")}}
        worker_processes 1;
        pid {{prefix}}/nginx.pid;
        error_log {{prefix}}/error.log warn;
        events { worker_connections 512; }
        http {
            include /etc/nginx/mime.types;
            access_log off;
            client_body_temp_path {{prefix}}/client_body;
            proxy_temp_path {{prefix}}/proxy;
            fastcgi_temp_path {{prefix}}/fastcgi;
            uwsgi_temp_path {{prefix}}/uwsgi;
            scgi_temp_path {{prefix}}/scgi;
            server {
                listen 127.0.0.1:{{port}};
                location /static/ { alias {{staticDirectory}}/; }
                location / {
                    proxy_pass http://127.0.0.1:{{upstreamPort}};
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                }
            }
        }
        """;

    public async ValueTask DisposeAsync()
    {
        if (_daemon is not null) await _daemon.DisposeAsync();
    }
}
