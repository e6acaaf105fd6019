<#
.SYNOPSIS
    Makes <Destination>/DockerPS.<version>.nupkg from a laid-out module folder with PSResourceGet's
    Compress-PSResource, then checks it: the manifest at the root, no symbols. Called by the Package target of
    DockerPS.Module.csproj (and so by build.ps1 -Task Package).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleDirectory,
    [Parameter(Mandatory)] [string] $Destination
)
$ErrorActionPreference = 'Stop'
Import-Module Microsoft.PowerShell.PSResourceGet -MinimumVersion 1.1.0   # Compress-PSResource came in 1.1
$manifest = Import-PowerShellDataFile (Join-Path $ModuleDirectory 'DockerPS.psd1')
$null = New-Item -ItemType Directory -Force $Destination
$package = Join-Path $Destination "DockerPS.$($manifest.ModuleVersion).nupkg"
# Compress-PSResource will not replace an older package of the same version.
Remove-Item -LiteralPath $package -ErrorAction SilentlyContinue
Compress-PSResource -Path $ModuleDirectory -DestinationPath $Destination

Add-Type -AssemblyName System.IO.Compression.FileSystem
$zip = [IO.Compression.ZipFile]::OpenRead($package)
try { $entries = @($zip.Entries.FullName) } finally { $zip.Dispose() }
if ($entries -notcontains 'DockerPS.psd1') { throw "$package has no DockerPS.psd1 at its root." }
$symbols = @($entries | Where-Object { $_ -like '*.pdb' })
if ($symbols) { throw "$package holds symbols ($($symbols -join ', ')); package a Release build." }
$size = (Get-Item -LiteralPath $package).Length
"DockerPS $($manifest.ModuleVersion) packaged: $package ($([math]::Round($size / 1KB)) KB, $($entries.Count) entries)"
