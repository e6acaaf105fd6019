# Dot-sourced by every test file's BeforeAll: imports the built module and gives each file the shared test image,
# a label that marks what it creates (Run.ps1 removes anything left with it), unique names and small helpers.
Import-Module $env:DOCKERPS_MANIFEST
if (-not $env:DOCKERPS_TEST_IMAGE) { throw 'Run the suite with tests/DockerPS.Pester/Run.ps1: it builds the test image.' }
$script:img = $env:DOCKERPS_TEST_IMAGE
$script:run = $img.Split(':')[-1]
$script:label = "dockerps.pester=$run"
$script:IsPodman = $env:DOCKERPS_TEST_ENGINE -eq 'podman'
$script:manifest = $env:DOCKERPS_MANIFEST

function New-TestName([string] $Stem) { "dps-p-$run-$Stem-" + [guid]::NewGuid().ToString('N').Substring(0, 6) }

# A container of the test image on network none, labelled for cleanup; -Start leaves it running.
function New-TestContainer {
    param([string] $Stem = 'c', [string[]] $Command = @('sleep', '300'), [switch] $Start, [hashtable] $Extra = @{})
    $c = New-Container $img @Command -Name (New-TestName $Stem) -Network none -Label $label @Extra -ErrorAction Stop
    if ($Start) { Start-Container $c.Name -ErrorAction Stop }
    Get-Container -All -Name $c.Name -ErrorAction Stop
}

function Remove-TestContainers {
    Get-Container -All -Label $label -ErrorAction SilentlyContinue | Remove-Container -Force -ErrorAction SilentlyContinue
}

# Runs a script in a child `pwsh -NoProfile -NonInteractive` as a scheduled task would, with the module imported;
# returns its output lines and exit code.
function Invoke-ChildPwsh {
    param([string] $Script, [string[]] $Arguments = @(), [int] $TimeoutSeconds = 60)
    $file = Join-Path ([IO.Path]::GetTempPath()) ("dps-pester-" + [guid]::NewGuid().ToString('N') + '.ps1')
    Set-Content -LiteralPath $file -Value ("Import-Module '$manifest'`n" + $Script)
    try {
        $out = & pwsh -NoProfile -NonInteractive -File $file @Arguments 2>&1
        [pscustomobject]@{ Output = @($out | ForEach-Object { "$_" }); ExitCode = $LASTEXITCODE }
    }
    finally { Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue }
}
