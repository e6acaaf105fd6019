# Start-/Stop-/Remove-Container over N containers against the docker CLI's multi-id forms (`docker start <ids>`,
# `docker stop -t 0 <ids>`, `docker rm <ids>`: the CLI works on the ids concurrently) and a per-container CLI loop (what
# a script that shells out once per item pays), in the same run, Repeat times. DockerPS keeps up to -ThrottleLimit
# (default 50, the CLI's own window) requests in flight. Then volumes, networks and image tags against `docker volume
# rm`, `docker network rm` and `docker rmi` with many names (the CLI removes those one after another; DockerPS keeps
# -ThrottleLimit volume and network removals in flight and removes images one at a time).
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

function New-Names([string] $Kind, [int] $N) { 1..$N | ForEach-Object { "dps-bench-$Kind-$PID-$_" } }
function New-All([string] $Create, [string[]] $Names) {
    Invoke-Exe bash @('-c', "printf '%s\n' $($Names -join ' ') | xargs -P 4 -n 1 sh -c 'docker $Create `"`$0`" >/dev/null'")
}
# Networks: each is a Linux bridge with its own subnet from the engine's default pools (about 30), so fewer of them.
$nNet = [Math]::Min($Count, 20)
$v = @{ psVol = @(); cliVol = @(); psNet = @(); cliNet = @(); psRmi = @(); cliRmi = @() }
for ($r = 0; $r -lt $Repeat; $r++) {
    $names = New-Names "v$r" $Count; New-All 'volume create' $names
    $sw = [System.Diagnostics.Stopwatch]::StartNew(); $names | Remove-ContainerVolume -Confirm:$false; $v.psVol += $sw.Elapsed.TotalMilliseconds
    $names = New-Names "w$r" $Count; New-All 'volume create' $names
    $sw.Restart(); Invoke-Multi 'volume rm' $names; $v.cliVol += $sw.Elapsed.TotalMilliseconds

    $names = New-Names "n$r" $nNet; New-All 'network create --internal' $names
    $sw.Restart(); $names | Remove-ContainerNetwork -Confirm:$false; $v.psNet += $sw.Elapsed.TotalMilliseconds
    $names = New-Names "m$r" $nNet; New-All 'network create --internal' $names
    $sw.Restart(); Invoke-Multi 'network rm' $names; $v.cliNet += $sw.Elapsed.TotalMilliseconds

    $tags = New-Names "t$r" $Count | ForEach-Object { "dps-bench-rmi:$_" }; New-All "tag $Image" $tags
    $sw.Restart(); $tags | Remove-Image; $v.psRmi += $sw.Elapsed.TotalMilliseconds
    $tags = New-Names "u$r" $Count | ForEach-Object { "dps-bench-rmi:$_" }; New-All "tag $Image" $tags
    $sw.Restart(); Invoke-Multi 'rmi' $tags; $v.cliRmi += $sw.Elapsed.TotalMilliseconds
}
Add-Row (Format-Row 'lifecycle' "$Count volumes" '$names \| Remove-ContainerVolume' (Get-Stat $v.psVol) 'docker volume rm <names>' (Get-Stat $v.cliVol))
Add-Row (Format-Row 'lifecycle' "$nNet networks" '$names \| Remove-ContainerNetwork' (Get-Stat $v.psNet) 'docker network rm <names>' (Get-Stat $v.cliNet))
Add-Row (Format-Row 'lifecycle' "$Count image tags" '$tags \| Remove-Image' (Get-Stat $v.psRmi) 'docker rmi <tags>' (Get-Stat $v.cliRmi))
