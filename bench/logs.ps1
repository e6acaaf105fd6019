# Called by bench/logs: times Get-ContainerLog (objects and -Raw) and `docker logs` on one container's log, in the
# same process and run, alternating the tools; prints markdown rows with medians, minimums and the ratio.
param(
    [Parameter(Mandatory)] [string] $Manifest,
    [Parameter(Mandatory)] [string] $Container,
    [int] $Lines = 1000000,
    [int] $Repeat = 5
)
$ErrorActionPreference = 'Stop'
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

$runs = @{ objects = [System.Collections.Generic.List[double]]::new(); raw = [System.Collections.Generic.List[double]]::new(); docker = [System.Collections.Generic.List[double]]::new() }
$counts = @{}
# Warm-up: loads the adapter and JITs the path once, outside the timings.
$null = Get-ContainerLog $Container -Tail 10
for ($i = 0; $i -lt $Repeat; $i++) {
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    Get-ContainerLog $Container | Out-Null
    $runs.objects.Add($sw.Elapsed.TotalMilliseconds)

    $sw.Restart()
    Get-ContainerLog $Container -Raw | Out-Null
    $runs.raw.Add($sw.Elapsed.TotalMilliseconds)

    $sw.Restart()
    $counts.docker = Invoke-DockerLogs
    $runs.docker.Add($sw.Elapsed.TotalMilliseconds)
}
# Counted once, outside the timings (the console host has no Measure-Object).
$counts.objects = @(Get-ContainerLog $Container).Count
$counts.raw = @(Get-ContainerLog $Container -Raw).Count
foreach ($k in 'objects', 'raw', 'docker') {
    if ($counts[$k] -ne $Lines) { throw "$k read $($counts[$k]) lines, expected $Lines" }
}

function Stat($list) { $a = [double[]]$list.ToArray(); [array]::Sort($a); [pscustomobject]@{ Median = $a[[int][math]::Floor($a.Length / 2)]; Min = $a[0] } }
$docker = Stat $runs.docker
'| case | DockerPS | time | anchor | time | ratio |'
'|---|---|---|---|---|---|'
foreach ($k in 'objects', 'raw') {
    $s = Stat $runs[$k]
    $what = if ($k -eq 'objects') { 'Get-ContainerLog (objects) \| Out-Null' } else { 'Get-ContainerLog -Raw \| Out-Null' }
    '| {0:N0} log lines, median of {1} (min) | {2} | {3:N0} ({4:N0}) ms | docker logs, stdout read line by line | {5:N0} ({6:N0}) ms | {7:N2} |' -f $Lines, $Repeat, $what, $s.Median, $s.Min, $docker.Median, $docker.Min, ($s.Median / $docker.Median)
}
