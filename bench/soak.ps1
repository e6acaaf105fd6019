# The long-lived session: one pwsh process runs Count mixed operations (lists, create/start/stop/remove, logs, exec,
# inspect, a follow cut off by Select-Object -First, an unreachable engine now and then, and one engine restart half
# way) and records managed memory, RSS, open file descriptors and sockets every Every operations. Called by bench/run
# (part `soak`) against its own dockerd; -RestartScript restarts that engine. Writes its own table to $env:BENCH_SOAK.
param(
    [Parameter(Mandatory)] [string] $Manifest,
    [Parameter(Mandatory)] [string] $Image,
    [Parameter(Mandatory)] [string] $RestartScript,
    [int] $Count = 10000,
    [int] $Every = 1000
)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
$label = "dockerps.bench.soak=$PID"
$dead = 'unix:///tmp/dockerps-soak-no-such-engine.sock'

function Start-Fixtures {
    # A chatty container for logs and follows, and an idle one for exec and inspect (after a restart the old ones are
    # still there, stopped: they go first).
    Get-Container -All -Label $label | Remove-Container -Force
    $script:chatty = Invoke-Container $Image sh '-c' 'while true; do echo tick; sleep 0.1; done' -Name "soak-chatty-$PID" -Network none -Label $label -Detach
    $script:idle = Invoke-Container $Image sleep 100000 -Name "soak-idle-$PID" -Network none -Label $label -Detach
}

function Get-Sample([int] $Done) {
    [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
    $self = [Diagnostics.Process]::GetCurrentProcess(); $self.Refresh()
    $fds = @(Get-ChildItem /proc/self/fd -ErrorAction SilentlyContinue)
    $sockets = @($fds | Where-Object { $_.LinkTarget -like 'socket:*' }).Count
    [pscustomobject]@{
        Ops = $Done; ManagedMB = [math]::Round([GC]::GetTotalMemory($false) / 1MB, 1); RssMB = [math]::Round($self.WorkingSet64 / 1MB, 1)
        Fds = $fds.Count; Sockets = $sockets; Threads = $self.Threads.Count
    }
}

Start-Fixtures
$samples = [System.Collections.Generic.List[object]]::new()
$samples.Add((Get-Sample 0))
$failures = 0
$watch = [Diagnostics.Stopwatch]::StartNew()
for ($i = 1; $i -le $Count; $i++) {
    try {
        switch ($i % 10) {
            0 { $null = Get-Container -All }
            1 {
                $c = New-Container $Image sleep 60 -Network none -Label $label
                Start-Container $c.Id; Stop-Container $c.Id -Timeout 0; Remove-Container $c.Id
            }
            2 { $null = Get-ContainerLog $chatty.Name -Tail 10 }
            3 { $null = Invoke-ContainerCommand $idle.Name -Command echo, hi }
            4 { $null = Get-ContainerDetail $idle.Name }
            5 { $null = Get-ContainerLog $chatty.Name -Follow | Select-Object -First 1 }
            6 { $null = Get-Image }
            7 { $null = Get-DockerVersion -Host $dead -ErrorAction SilentlyContinue }
            8 { $null = Get-ContainerNetwork }
            9 { $null = Get-ContainerVolume }
        }
    }
    catch {
        $failures++
        if ($failures -le 5) { Write-Host "soak: op $i failed: $($_.Exception.Message)" }
    }
    if ($i -eq [int]($Count / 2)) {
        # The engine goes away and comes back; the session must reconnect without a re-import.
        & bash $RestartScript
        Start-Fixtures
    }
    if ($i % $Every -eq 0) { $samples.Add((Get-Sample $i)) }
}
$seconds = [math]::Round($watch.Elapsed.TotalSeconds, 1)
Get-Container -All -Label $label | Remove-Container -Force

$lines = @(
    "Soak: $Count mixed operations in one pwsh process in $seconds s, the engine restarted after op $([int]($Count / 2)); $failures operations failed (the restart's own window included)."
    ''
    '| after ops | managed MB | RSS MB | open fds | sockets | threads |'
    '|---|---|---|---|---|---|'
)
$lines += $samples | ForEach-Object { "| $($_.Ops) | $($_.ManagedMB) | $($_.RssMB) | $($_.Fds) | $($_.Sockets) | $($_.Threads) |" }
$lines | Set-Content -LiteralPath $env:BENCH_SOAK
$lines | Write-Host
