# Stop-Container / Remove-Container over N running containers against a docker CLI loop, in the same run, Repeat times.
# DockerPS works through a pipeline one container after another; it offers no parallel mode, so there is no parallel row.
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

$t = @{ psStop = @(); psRemove = @(); cliStop = @(); cliRemove = @() }
for ($r = 0; $r -lt $Repeat; $r++) {
    $null = New-Batch
    $sw = [System.Diagnostics.Stopwatch]::StartNew(); Get-Container -Label $label | Stop-Container -Timeout 0; $t.psStop += $sw.Elapsed.TotalMilliseconds
    $sw.Restart(); Get-Container -All -Label $label | Remove-Container; $t.psRemove += $sw.Elapsed.TotalMilliseconds

    $ids = New-Batch
    $sw.Restart(); Invoke-Loop 'stop -t 0' $ids; $t.cliStop += $sw.Elapsed.TotalMilliseconds
    $sw.Restart(); Invoke-Loop 'rm' $ids; $t.cliRemove += $sw.Elapsed.TotalMilliseconds
}
Add-Row (Format-Row 'lifecycle' "$Count running" 'Get-Container \| Stop-Container -Timeout 0' (Get-Stat $t.psStop) 'docker stop -t 0 loop' (Get-Stat $t.cliStop))
Add-Row (Format-Row 'lifecycle' "$Count stopped" 'Get-Container -All \| Remove-Container' (Get-Stat $t.psRemove) 'docker rm loop' (Get-Stat $t.cliRemove))
