# Get-Container -All against its anchors (the raw Engine API call with curl, docker ps -a), in the same run.
# Called by bench/run; prints rows in the format of common.ps1.
param(
    [Parameter(Mandatory)] [string] $Manifest,
    [Parameter(Mandatory)] [string] $Socket,
    [int] $Repeat = 20
)
$ErrorActionPreference = 'Stop'
. "$PSScriptRoot/common.ps1"
Import-Module $Manifest
$count = @(Get-Container -All).Count   # also loads the adapter and negotiates, outside the timings
$ps = Measure-Runs { Get-Container -All } $Repeat 3
$raw = Measure-Runs { Invoke-Exe curl @('-sf', '-o', '/dev/null', '--unix-socket', $Socket, 'http://localhost/containers/json?all=1') } $Repeat 3
$cli = Measure-Runs { Invoke-Exe docker @('ps', '-a') } $Repeat 3
Add-Row (Format-Row 'list' "$count containers" 'Get-Container -All' $ps 'curl GET /containers/json?all=1' $raw)
Add-Row (Format-Row 'list' "$count containers" 'Get-Container -All' $ps 'docker ps -a' $cli)
