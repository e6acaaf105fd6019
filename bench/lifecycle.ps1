# Start-/Stop-/Remove-Container over N containers against the docker CLI's multi-id forms (`docker start <ids>`,
# `docker stop -t 0 <ids>`, `docker rm <ids>`: the CLI works on the ids concurrently) and a per-container CLI loop (what
# a script that shells out once per item pays), in the same run, Repeat times. DockerPS keeps up to -ThrottleLimit
# (default 16) requests in flight.
# Called by bench/run; prints rows in the format of common.ps1.
param(
    [Parameter(Mandatory)] [string] $Manifest,
    [Parameter(Mandatory)] [string] $Image,
    [int] $Count = 200,
    [int] $Repeat = 2
)
$ErrorActionPreference = 'Stop'
. "$PSScriptRoot/common.ps1"
Import-Module $Manifest
$label = "dockerps.bench.lifecycle=$PID"

function New-Batch {
    # created with the CLI (not timed): many at once, running a sleep that exits on SIGTERM
    $script = "for i in `$(seq 1 $Count); do echo x; done | xargs -P 4 -n 1 sh -c 'docker run -d --network none --label $label $Image sleep 600 >/dev/null'"
    Invoke-Exe bash @('-c', $script)
    @(Get-Container -Label $label).Id
}

function Invoke-Loop([string] $Verb, [string[]] $Ids) {
    $script = "for id in $($Ids -join ' '); do docker $Verb `$id >/dev/null; done"
    Invoke-Exe bash @('-c', $script)
}

function Invoke-Multi([string] $Verb, [string[]] $Ids) {
    Invoke-Exe bash @('-c', "docker $Verb $($Ids -join ' ') >/dev/null")
}

$t = @{ psStop = @(); psRemove = @(); psStart = @(); cliStop = @(); cliRemove = @(); cliStart = @(); loopStop = @(); loopRemove = @() }
for ($r = 0; $r -lt $Repeat; $r++) {
    $null = New-Batch
    $sw = [System.Diagnostics.Stopwatch]::StartNew(); Get-Container -Label $label | Stop-Container -Timeout 0; $t.psStop += $sw.Elapsed.TotalMilliseconds
    $sw.Restart(); Get-Container -All -Label $label | Start-Container; $t.psStart += $sw.Elapsed.TotalMilliseconds
    Get-Container -Label $label | Stop-Container -Timeout 0
    $sw.Restart(); Get-Container -All -Label $label | Remove-Container; $t.psRemove += $sw.Elapsed.TotalMilliseconds

    $ids = New-Batch
    $sw.Restart(); Invoke-Multi 'stop -t 0' $ids; $t.cliStop += $sw.Elapsed.TotalMilliseconds
    $sw.Restart(); Invoke-Multi 'start' $ids; $t.cliStart += $sw.Elapsed.TotalMilliseconds
    Invoke-Multi 'stop -t 0' $ids
    $sw.Restart(); Invoke-Multi 'rm' $ids; $t.cliRemove += $sw.Elapsed.TotalMilliseconds

    $ids = New-Batch
    $sw.Restart(); Invoke-Loop 'stop -t 0' $ids; $t.loopStop += $sw.Elapsed.TotalMilliseconds
    $sw.Restart(); Invoke-Loop 'rm' $ids; $t.loopRemove += $sw.Elapsed.TotalMilliseconds
}
Add-Row (Format-Row 'lifecycle' "$Count running" 'Get-Container \| Stop-Container -Timeout 0' (Get-Stat $t.psStop) 'docker stop -t 0 <ids>' (Get-Stat $t.cliStop))
Add-Row (Format-Row 'lifecycle' "$Count stopped" 'Get-Container -All \| Start-Container' (Get-Stat $t.psStart) 'docker start <ids>' (Get-Stat $t.cliStart))
Add-Row (Format-Row 'lifecycle' "$Count stopped" 'Get-Container -All \| Remove-Container' (Get-Stat $t.psRemove) 'docker rm <ids>' (Get-Stat $t.cliRemove))
Add-Row (Format-Row 'lifecycle' "$Count running" 'Get-Container \| Stop-Container -Timeout 0' (Get-Stat $t.psStop) 'docker stop -t 0 loop' (Get-Stat $t.loopStop))
Add-Row (Format-Row 'lifecycle' "$Count stopped" 'Get-Container -All \| Remove-Container' (Get-Stat $t.psRemove) 'docker rm loop' (Get-Stat $t.loopRemove))
