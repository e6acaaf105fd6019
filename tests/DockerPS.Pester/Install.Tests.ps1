# The module as a package: published to a local PSResourceGet repository, installed from it and imported by name,
# the way an internal feed or file share serves it. Every PSResourceGet call names the local repository, so nothing
# reaches the PowerShell Gallery, and all of it runs in child pwsh processes whose HOME and XDG folders are a temp
# folder: the user's repositories, installed modules and module path stay untouched.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:moduleDir = Split-Path $manifest
    $script:sandbox = Join-Path ([IO.Path]::GetTempPath()) ('dps-install-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $script:feed = Join-Path $sandbox 'feed'
    $script:repoName = 'DockerPSTest' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    $null = New-Item -ItemType Directory -Force $feed
    # .NET reports a missing LocalApplicationData/ApplicationData folder as '', and PSResourceGet then keeps its store
    # (and NuGet its config) relative to the current directory: make both exist, and run the children from the sandbox.
    $null = New-Item -ItemType Directory -Force (Join-Path $sandbox '.local/share'), (Join-Path $sandbox '.config')

    # Runs a script in `pwsh -NoProfile -NonInteractive` with the sandbox as HOME, so PSResourceGet's store and the
    # CurrentUser module folder are the sandbox's; PSModulePath is dropped so pwsh builds its defaults from there.
    function Invoke-Sandboxed([string] $Script) {
        $names = 'HOME', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'PSModulePath', 'POWERSHELL_UPDATECHECK', 'POWERSHELL_TELEMETRY_OPTOUT'
        $saved = @{}
        foreach ($n in $names) { $saved[$n] = [Environment]::GetEnvironmentVariable($n) }
        $file = Join-Path $sandbox ('step-' + [guid]::NewGuid().ToString('N') + '.ps1')
        Set-Content -LiteralPath $file -Value ('$ErrorActionPreference = ''Stop''' + "`n" + $Script)
        try {
            # No XDG_* either: PSResourceGet installs under $HOME/.local/share whatever XDG_DATA_HOME says, while pwsh
            # looks for user modules under XDG_DATA_HOME; with it unset, both (and PSResourceGet's store) use $HOME.
            $env:HOME = $sandbox
            $env:XDG_DATA_HOME = $null
            $env:XDG_CONFIG_HOME = $null
            $env:XDG_CACHE_HOME = $null
            $env:PSModulePath = $null
            $env:POWERSHELL_UPDATECHECK = 'Off'        # no update check to the internet from the child
            $env:POWERSHELL_TELEMETRY_OPTOUT = '1'
            # A native command starts in the current location.
            Push-Location -LiteralPath $sandbox
            try { $out = & pwsh -NoProfile -NonInteractive -File $file 2>&1 }
            finally { Pop-Location }
            [pscustomobject]@{ Output = @($out | ForEach-Object { "$_" }); ExitCode = $LASTEXITCODE }
        }
        finally {
            foreach ($n in $names) { [Environment]::SetEnvironmentVariable($n, $saved[$n]) }
        }
    }

    # Publish and install in one child: the repository is registered in the sandbox's store only, and PSGallery,
    # which a fresh store registers by default, is removed first so no call can fall back to it.
    $script:install = Invoke-Sandboxed @"
Import-Module Microsoft.PowerShell.PSResourceGet
Get-PSResourceRepository -Name PSGallery -ErrorAction SilentlyContinue | Unregister-PSResourceRepository
Register-PSResourceRepository -Name '$repoName' -Uri '$feed' -Trusted
try {
    Publish-PSResource -Path '$moduleDir' -Repository '$repoName'
    'found=' + (Find-PSResource -Name DockerPS -Repository '$repoName').Version
    Install-PSResource -Name DockerPS -Repository '$repoName' -Scope CurrentUser -TrustRepository -Reinstall
    'installed=' + (Get-InstalledPSResource -Name DockerPS -Scope CurrentUser).InstalledLocation
    'repositories=' + ((Get-PSResourceRepository).Name -join ',')
}
finally { Unregister-PSResourceRepository -Name '$repoName' }
'repositories-after=' + ((Get-PSResourceRepository).Name -join ',')
"@
}

AfterAll {
    if ($sandbox -and (Test-Path $sandbox)) { Remove-Item -LiteralPath $sandbox -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'Installing DockerPS from a local PSResourceGet repository' {
    It 'publishes the built module folder as a nupkg and installs it for the current user' {
        $install.ExitCode | Should -Be 0 -Because ($install.Output -join "`n")
        $version = (Import-PowerShellDataFile $manifest).ModuleVersion
        Join-Path $feed "DockerPS.$version.nupkg" | Should -Exist
        $install.Output | Should -Contain "found=$version"
        $install.Output | Should -Contain "repositories=$repoName"          # only the local one: no PSGallery
        $install.Output | Should -Contain 'repositories-after='            # and unregistered afterwards
        $installed = ($install.Output | Where-Object { $_ -like 'installed=*' }) -replace '^installed=', ''
        $installed | Should -Be (Join-Path $sandbox '.local/share/powershell/Modules')
    }

    It 'imports by name from the install location and talks to the engine' {
        $r = Invoke-Sandboxed @'
Import-Module DockerPS
$m = Get-Module DockerPS
'base=' + $m.ModuleBase
'path=' + $env:PSModulePath
'cmdlets=' + $m.ExportedCmdlets.Count
'help=' + (Get-Help Add-ImageTag).Synopsis
$v = Get-DockerVersion -ErrorAction Stop
'engine=' + $v.ApiVersion
'@
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        $version = (Import-PowerShellDataFile $manifest).ModuleVersion
        $userModules = Join-Path $sandbox '.local/share/powershell/Modules'
        $r.Output | Should -Contain ('base=' + (Join-Path $userModules "DockerPS/$version"))
        # Only pwsh's own defaults: the sandbox's user folder, the shared folder and $PSHOME's; never the build output.
        $path = (($r.Output | Where-Object { $_ -like 'path=*' }) -replace '^path=', '').Split([IO.Path]::PathSeparator)
        $path[0] | Should -Be $userModules
        $path | Where-Object { $_ -like "*$(Split-Path (Split-Path $moduleDir))*" } | Should -BeNullOrEmpty
        ($r.Output | Where-Object { $_ -like 'cmdlets=*' }) | Should -Be "cmdlets=$((Get-Module DockerPS).ExportedCmdlets.Count)"
        ($r.Output | Where-Object { $_ -like 'help=*' }) | Should -Not -Be 'help='
        ($r.Output | Where-Object { $_ -like 'engine=*' }) | Should -Match '^engine=1\.\d+$'
    }
}
