# Times Import-Module and Get-Container against their anchors (the raw Engine API call with curl, docker ps -a),
# all in the same run. Called by bench/run; prints markdown table rows.
param(
    [Parameter(Mandatory)] [string] $Manifest,
    [int] $Repeat = 20,
    [string] $Socket = '/var/run/docker.sock',
    [string] $Case = ''
)
$ErrorActionPreference = 'Stop'

function Measure-Runs([scriptblock] $Action, [int] $Count) {
    $times = [System.Collections.Generic.List[double]]::new()
    for ($i = 0; $i -lt $Count; $i++) {
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        & $Action | Out-Null
        $sw.Stop()
        $times.Add($sw.Elapsed.TotalMilliseconds)
    }
    $sorted = [double[]]$times.ToArray(); [array]::Sort($sorted)
    [pscustomobject]@{ Min = $sorted[0]; Median = $sorted[[int][math]::Floor($sorted.Length / 2)] }
}

function Invoke-Exe([string] $File, [string[]] $Arguments) {
    $psi = [System.Diagnostics.ProcessStartInfo]::new($File)
    foreach ($a in $Arguments) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $p = [System.Diagnostics.Process]::Start($psi)
    $null = $p.StandardOutput.ReadToEnd()
    $p.WaitForExit()
    if ($p.ExitCode) { throw "$File exited with $($p.ExitCode)" }
}

$sw = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module $Manifest
$import = $sw.Elapsed.TotalMilliseconds
$sw.Restart()
$count = @(Get-Container -All).Count
$first = $sw.Elapsed.TotalMilliseconds

$ps = Measure-Runs { Get-Container -All } $Repeat
$raw = Measure-Runs { Invoke-Exe curl @('-s', '-o', '/dev/null', '--unix-socket', $Socket, 'http://localhost/containers/json?all=1') } $Repeat
$cli = Measure-Runs { Invoke-Exe docker @('ps', '-a') } $Repeat

'| {0} | {1} containers | Import-Module (cold process) | {2:N1} ms | first Get-Container -All (loads the adapter, negotiates) | {3:N1} ms |' -f $Case, $count, $import, $first
'| {0} | {1} containers | Get-Container -All median (min) | {2:N1} ({3:N1}) ms | curl GET /containers/json?all=1 | {4:N1} ({5:N1}) ms | ratio {6:N2} |' -f $Case, $count, $ps.Median, $ps.Min, $raw.Median, $raw.Min, ($ps.Median / $raw.Median)
'| {0} | {1} containers | Get-Container -All median (min) | {2:N1} ({3:N1}) ms | docker ps -a | {4:N1} ({5:N1}) ms | ratio {6:N2} |' -f $Case, $count, $ps.Median, $ps.Min, $cli.Median, $cli.Min, ($ps.Median / $cli.Median)
