<#
.SYNOPSIS
    Builds, tests or tours DockerPS. A thin wrapper: `dotnet build` alone lays out the module in out/DockerPS/<version>/.
.EXAMPLE
    ./build.ps1                 # build
    ./build.ps1 -Task Test      # build, then run the xunit suite against the engine (bash .ci/test on Linux)
    ./build.ps1 -Task Tour      # build, then the README tour
    ./build.ps1 -Task Package   # Release layout, then out/packages/DockerPS.<version>.nupkg (PSResourceGet's format)
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Tour', 'Package')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

if ($Task -eq 'Package') {
    # One route for both entry points: the Package target of the module project builds the Release layout and packs it.
    dotnet build src/DockerPS.Module -c Release -t:Package -nologo
    if ($LASTEXITCODE) { throw "dotnet build -t:Package failed ($LASTEXITCODE)." }
    return
}

dotnet build DockerPS.sln -c $Configuration -nologo
if ($LASTEXITCODE) { throw "dotnet build failed ($LASTEXITCODE)." }
$manifest = Get-ChildItem out/DockerPS/*/DockerPS.psd1 | Select-Object -Last 1

switch ($Task) {
    'Build' { "Import it with: Import-Module '$($manifest.FullName)'" }
    'Test' {
        dotnet test tests/DockerPS.Tests -c $Configuration --no-build -nologo
        if ($LASTEXITCODE) { throw "Tests failed ($LASTEXITCODE)." }
    }
    'Tour' {
        # The tour sets up a demo image with the docker CLI; on Windows, run .ci/tour.ps1 after importing the module.
        if ($IsLinux -or $IsMacOS) { bash .ci/tour } else { Import-Module $manifest.FullName; & ./.ci/tour.ps1 }
    }
}
