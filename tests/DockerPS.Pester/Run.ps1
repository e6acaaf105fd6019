<#
.SYNOPSIS
    Runs the Pester suite (tests/DockerPS.Pester/*.Tests.ps1) in this pwsh against the built module and the engine
    that DOCKER_HOST (or the default socket) names, and prints one line "N passed, N failed" for CI.
.DESCRIPTION
    Expects a built tree (`dotnet build DockerPS.sln` lays out out/DockerPS/<version>/ and out/Pester/). Before the
    tests it imports one busybox-static test image (the files share it through $env:DOCKERPS_TEST_IMAGE) and removes
    it afterwards. -Label names the line ("podman: N passed, N failed" for the second engine target).
#>
[CmdletBinding()]
param(
    [string[]] $Path = @($PSScriptRoot),
    [string[]] $ExcludeTag = @(),
    [string] $Label = '',
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string] $Output = 'Normal'
)
$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$prefix = if ($Label) { "${Label}: " } else { '' }

$manifest = Get-ChildItem (Join-Path $root 'out/DockerPS/*/DockerPS.psd1') -ErrorAction SilentlyContinue | Select-Object -Last 1
$pester = Join-Path $root 'out/Pester/Pester.psd1'
if (-not $manifest -or -not (Test-Path $pester)) {
    Write-Host 'pester: out/DockerPS or out/Pester is missing: run `dotnet build DockerPS.sln` first.'
    "${prefix}0 passed, 1 failed"
    exit 1
}
$env:DOCKERPS_MANIFEST = $manifest.FullName
Import-Module $pester -Force

# One test image for every file: busybox-static and a few applet links, imported through DockerPS itself.
. (Join-Path $PSScriptRoot 'TestImage.ps1')
try {
    $env:DOCKERPS_TEST_IMAGE = New-DpsTestImage
}
catch {
    Write-Host "pester: no test image: $($_.Exception.Message)"
    "${prefix}0 passed, 1 failed"
    exit 1
}

try {
    $config = New-PesterConfiguration
    $config.Run.Path = $Path
    $config.Run.PassThru = $true
    $config.Filter.ExcludeTag = $ExcludeTag
    $config.Output.Verbosity = $Output
    $result = Invoke-Pester -Configuration $config
}
finally {
    Remove-DpsTestImage $env:DOCKERPS_TEST_IMAGE
}
# Skipped tests are reported, never counted as passed; a failed container (BeforeAll) counts as a failure.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
"${prefix}$($result.PassedCount) passed, $failed failed"
"(${prefix}$($result.SkippedCount) skipped)"
exit ([int]($failed -gt 0))
