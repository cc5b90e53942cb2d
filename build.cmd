@echo off
:: Runs the pipeline (build\_build.csproj) with the arguments given, from any working directory.
setlocal
set "ROOT=%~dp0"
set "MOOC_ROOT=%ROOT:~0,-1%"
set DOTNET_CLI_TELEMETRY_OPTOUT=1
set DOTNET_NOLOGO=1
where dotnet >nul 2>nul || (
  echo error: the .NET SDK is not installed. This build needs the .NET 10 SDK pinned in global.json. Install it from https://dot.net and run again. 1>&2
  exit /b 127
)
dotnet build "%ROOT%build\_build.csproj" -o "%ROOT%.nuke\temp\build-bin" -nologo -clp:ErrorsOnly -v:quiet || exit /b 1
dotnet "%ROOT%.nuke\temp\build-bin\_build.dll" %*
