#!/bin/sh
# The engine benchmark: requests per CPU-second of each load generator on one core against nginx
# (one worker) on the other. Needs: apt-get install nginx wrk hey python3-locust time
set -eu
cd "$(dirname "$0")/../.."
dotnet build perf/Mooc.Perf.csproj -c Release -v quiet -nologo
exec dotnet perf/bin/Release/net10.0/Mooc.Perf.dll bench "$@"
