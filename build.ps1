<#
.SYNOPSIS
    Builds, tests or tours DockerPS. A thin wrapper: `dotnet build` alone lays out the module in out/DockerPS/<version>/.
.EXAMPLE
    ./build.ps1                 # build
    ./build.ps1 -Task Test      # build, then run the xunit suite against the engine (bash .ci/test on Linux)
    ./build.ps1 -Task Tour      # build, then the README tour
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Tour')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

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
