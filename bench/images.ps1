# Save-Image / Import-Image against docker save / docker load on one big image, in one warm process, alternating the
# tools; with the peak resident memory of this PowerShell process during each DockerPS operation and how far that peak
# is above the process's resident memory just before it (the growth the issue's goal bounds: < 64 MiB for 1 GiB).
# Called by bench/run (bench/images builds the image); prints rows in the format of common.ps1.
param(
    [Parameter(Mandatory)] [string] $Manifest,
    [Parameter(Mandatory)] [string] $Image,
    [Parameter(Mandatory)] [string] $Work,
    [int] $Repeat = 3
)
$ErrorActionPreference = 'Stop'
. "$PSScriptRoot/common.ps1"
Import-Module $Manifest
$null = Get-Image $Image   # loads the adapter outside the timings
$mb = [math]::Round((Get-Image $Image).Size / 1e6)
$cliTar = [IO.Path]::Combine($Work, 'cli.tar'); $psTar = [IO.Path]::Combine($Work, 'ps.tar')
$t = @{ psSave = @(); cliSave = @(); psLoad = @(); cliLoad = @() }
$peakSave = 0; $peakLoad = 0; $growSave = 0; $growLoad = 0
for ($i = 0; $i -lt $Repeat; $i++) {
    foreach ($f in $cliTar, $psTar) { if ([IO.File]::Exists($f)) { [IO.File]::Delete($f) } }
    $sw = [System.Diagnostics.Stopwatch]::StartNew(); Invoke-Exe docker @('save', '-o', $cliTar, $Image); $t.cliSave += $sw.Elapsed.TotalMilliseconds
    [GC]::Collect(); Reset-PeakMemory; $before = Get-MemoryMB
    $sw.Restart(); Save-Image $Image -Path $psTar | Out-Null; $t.psSave += $sw.Elapsed.TotalMilliseconds
    $peak = Get-PeakMemoryMB; $peakSave = [math]::Max($peakSave, $peak); $growSave = [math]::Max($growSave, $peak - $before)

    Invoke-Exe docker @('rmi', $Image)
    $sw.Restart(); Invoke-Exe docker @('load', '-q', '-i', $cliTar); $t.cliLoad += $sw.Elapsed.TotalMilliseconds
    Invoke-Exe docker @('rmi', $Image)
    [GC]::Collect(); Reset-PeakMemory; $before = Get-MemoryMB
    $sw.Restart(); Import-Image $psTar | Out-Null; $t.psLoad += $sw.Elapsed.TotalMilliseconds
    $peak = Get-PeakMemoryMB; $peakLoad = [math]::Max($peakLoad, $peak); $growLoad = [math]::Max($growLoad, $peak - $before)
}
Add-Row (Format-Row 'images' "$mb MB image" "Save-Image -Path (peak RSS $peakSave MB, +$growSave MB)" (Get-Stat $t.psSave) 'docker save -o' (Get-Stat $t.cliSave))
Add-Row (Format-Row 'images' "$mb MB image" "Import-Image tar (peak RSS $peakLoad MB, +$growLoad MB)" (Get-Stat $t.psLoad) 'docker load -i' (Get-Stat $t.cliLoad))
