# One fresh process (the PowerShell host already running, so "warm"): times Import-Module and the first call after it.
# Called by bench/run several times; prints "import_ms first_call_ms".
param([Parameter(Mandatory)] [string] $Manifest)
$ErrorActionPreference = 'Stop'
$sw = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module $Manifest
$import = $sw.Elapsed.TotalMilliseconds
$sw.Restart()
$null = Get-DockerVersion
$first = $sw.Elapsed.TotalMilliseconds
'{0:F1} {1:F1}' -f $import, $first
