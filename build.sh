#!/usr/bin/env bash
# Runs the pipeline (build/_build.csproj) with the arguments given, from any working directory.
# It compiles only when a source of the build changed since the last compile, so a warm
# './build.sh --help' costs one process start, not an MSBuild evaluation.
set -euo pipefail

script="${BASH_SOURCE[0]}"
[[ "$script" == */* ]] || script="./$script"
ROOT="$(cd "${script%/*}" && pwd)"
BIN="$ROOT/.nuke/temp/build-bin"
DLL="$BIN/_build.dll"
STAMP="$BIN/.compiled"
export MOOC_ROOT="$ROOT" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Bash only: this must work on a machine that lacks more than dotnet.
sdk_pin() {
  local text
  text="$(<"$ROOT/global.json")"
  [[ "$text" =~ \"version\"[[:space:]]*:[[:space:]]*\"([^\"]+)\" ]] && echo "${BASH_REMATCH[1]}"
}

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK is not installed. This build needs .NET SDK $(sdk_pin) or a later 10.0 feature band (pinned in global.json)." >&2
  echo "       Install it (https://dot.net, or 'apt-get install dotnet-sdk-10.0' from Microsoft's feed) and run again." >&2
  exit 127
fi

changed() {
  [ -f "$STAMP" ] && [ -f "$DLL" ] || return 0
  [ -n "$(find "$ROOT/global.json" "$ROOT/Directory.Build.props" "$ROOT/Directory.Packages.props" -newer "$STAMP" 2>/dev/null)" ] && return 0
  [ -n "$(find "$ROOT/build" "$ROOT/perf" \( -name bin -o -name obj \) -prune -o -newer "$STAMP" \( -name '*.cs' -o -name '*.csproj' -o -type d \) -print 2>/dev/null | head -n 1)" ]
}

# Ctrl-C or SIGTERM while compiling: exit as a process those signals ended (130, 143), not as a
# failed compile. The build itself (after exec) handles them the same way.
trap 'echo "Stopped by Ctrl-C (SIGINT) while compiling the build." >&2; exit 130' INT
trap 'echo "Stopped by SIGTERM while compiling the build." >&2; exit 143' TERM

if changed; then
  mkdir -p "$BIN"
  if ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
    echo "error: no .NET 10 SDK found; this build needs .NET SDK $(sdk_pin) or a later 10.0 feature band (pinned in global.json). Found: $(dotnet --list-sdks | tr '\n' ' ')" >&2
    exit 127
  fi
  # flock: two builds started at once compile once.
  exec 9>"$ROOT/.nuke/temp/bootstrap.lock"
  flock 9
  if changed; then
    echo "Compiling the build (build/ changed)..."
    if ! dotnet build "$ROOT/build/_build.csproj" -o "$BIN" -nologo -v:quiet > "$BIN/compile.log" 2>&1; then
      grep -E 'error|Error' "$BIN/compile.log" | sort -u >&2
      echo "error: the build project does not compile (full log: $BIN/compile.log)." >&2
      exit 1
    fi
    touch "$STAMP"
  fi
  flock -u 9
fi

exec dotnet "$DLL" "$@"
