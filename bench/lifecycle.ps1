# Stop-Container / Remove-Container over N containers against a docker CLI loop, in the same run.
# Called by bench/run; prints markdown table rows.
param(
    [Parameter(Mandatory)] [string] $Manifest,
    [Parameter(Mandatory)] [string] $Image,
    [int] $Count = 200
)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
$label = "dockerps.bench.lifecycle=$PID"

function New-Batch {
    1..$Count | ForEach-Object { Invoke-Container $Image sleep 600 -Network none -Detach -Label $label } | ForEach-Object Id
}

function Measure-Block([scriptblock] $Block) {
    $sw = [System.Diagnostics.Stopwatch]::StartNew(); & $Block | Out-Null; $sw.Elapsed.TotalSeconds
}

function Invoke-Loop([string] $Verb, [string[]] $Ids) {
    $script = "for id in $($Ids -join ' '); do docker $Verb `$id >/dev/null; done"
    $psi = [System.Diagnostics.ProcessStartInfo]::new('bash')
    $psi.ArgumentList.Add('-c'); $psi.ArgumentList.Add($script)
    $p = [System.Diagnostics.Process]::Start($psi); $p.WaitForExit()
    if ($p.ExitCode) { throw "docker loop failed ($($p.ExitCode))" }
}

$ids = New-Batch
$psStop = Measure-Block { Get-Container -Label $label | Stop-Container -Timeout 0 }
$psRemove = Measure-Block { Get-Container -All -Label $label | Remove-Container }

$ids = New-Batch
$cliStop = Measure-Block { Invoke-Loop 'stop -t 0' $ids }
$cliRemove = Measure-Block { Invoke-Loop 'rm' $ids }

'| {0} running containers | Get-Container \| Stop-Container -Timeout 0 | {1:N2} s | docker stop -t 0 loop | {2:N2} s | ratio {3:N2} |' -f $Count, $psStop, $cliStop, ($psStop / $cliStop)
'| {0} stopped containers | Get-Container -All \| Remove-Container | {1:N2} s | docker rm loop | {2:N2} s | ratio {3:N2} |' -f $Count, $psRemove, $cliRemove, ($psRemove / $cliRemove)
