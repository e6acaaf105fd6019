# Get-ContainerLog (objects and -Raw) against `docker logs` on one container's log, in the same process and run,
# alternating the tools. Called by bench/run (bench/logs makes the container); prints rows in the format of common.ps1.
param(
    [Parameter(Mandatory)] [string] $Manifest,
    [Parameter(Mandatory)] [string] $Container,
    [int] $Lines = 1000000,
    [int] $Repeat = 5
)
$ErrorActionPreference = 'Stop'
. "$PSScriptRoot/common.ps1"
Import-Module $Manifest

function Invoke-DockerLogs {
    # Reads docker logs' stdout and stderr to the end, as a script capturing it would (lines counted, not kept).
    $psi = [System.Diagnostics.ProcessStartInfo]::new('docker')
    foreach ($a in @('logs', $Container)) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $p = [System.Diagnostics.Process]::Start($psi)
    $err = $p.StandardError.ReadToEndAsync()
    $n = 0
    while ($null -ne $p.StandardOutput.ReadLine()) { $n++ }
    $null = $err.Result
    $p.WaitForExit()
    $n
}

$t = @{ objects = @(); raw = @(); docker = @() }
$null = Get-ContainerLog $Container -Tail 10   # loads the adapter and JITs the path, outside the timings
for ($i = 0; $i -lt $Repeat; $i++) {
    $sw = [System.Diagnostics.Stopwatch]::StartNew(); Get-ContainerLog $Container | Out-Null; $t.objects += $sw.Elapsed.TotalMilliseconds
    $sw.Restart(); Get-ContainerLog $Container -Raw | Out-Null; $t.raw += $sw.Elapsed.TotalMilliseconds
    $sw.Restart(); $n = Invoke-DockerLogs; $t.docker += $sw.Elapsed.TotalMilliseconds
}
# Counted once, outside the timings (the console host has no Measure-Object).
$counts = @{ objects = @(Get-ContainerLog $Container).Count; raw = @(Get-ContainerLog $Container -Raw).Count; docker = $n }
foreach ($k in 'objects', 'raw', 'docker') { if ($counts[$k] -ne $Lines) { throw "$k read $($counts[$k]) lines, expected $Lines" } }
$docker = Get-Stat $t.docker
Add-Row (Format-Row 'logs' ('{0:N0} lines' -f $Lines) 'Get-ContainerLog \| Out-Null (objects)' (Get-Stat $t.objects) 'docker logs, stdout read line by line' $docker)
Add-Row (Format-Row 'logs' ('{0:N0} lines' -f $Lines) 'Get-ContainerLog -Raw \| Out-Null' (Get-Stat $t.raw) 'docker logs, stdout read line by line' $docker)
