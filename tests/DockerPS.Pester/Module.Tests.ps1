# The module as a user meets it in pwsh: import, help for every cmdlet, tab completion.
BeforeAll { . $PSScriptRoot/Common.ps1 }

Describe 'The module in a real pwsh' {
    It 'imports by path and exports only cmdlets whose verbs are approved' {
        $module = Get-Module DockerPS
        $module.ExportedCmdlets.Count | Should -BeGreaterThan 40
        $approved = (Get-Verb).Verb
        $module.ExportedCmdlets.Keys | Where-Object { $_.Split('-')[0] -notin $approved } | Should -BeNullOrEmpty
    }

    It 'keeps stored registry logins and parsers out of reach of scripts' {
        { [DockerPS.Registry.RegistryCredentials]::Normalize('x.io/a') } | Should -Throw '*Unable to find type*'
        { [DockerPS.Specs.PortSpec] } | Should -Throw '*Unable to find type*'
        $public = [DockerPS.DockerCmdlet].Assembly.GetExportedTypes() |
            Where-Object { -not $_.IsSubclassOf([System.Management.Automation.PSCmdlet]) -and $_.Namespace -notin 'DockerPS.Models', 'DockerPS.Completers', 'DockerPS.Arguments' -and $_.FullName -ne 'DockerPS.Display' }
        $public | Should -BeNullOrEmpty
    }

    It 'loads the adapter ReadyToRun-compiled on the runtime it was compiled for, and IL elsewhere' {
        $null = Get-DockerVersion
        $dir = Join-Path (Split-Path (Get-Module DockerPS).Path) 'Dependencies'
        $native = Join-Path $dir "net$([Environment]::Version.Major).0-$([System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier)"
        $loaded = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -in 'DockerPS.Engine', 'Docker.DotNet' }
        @($loaded).Count | Should -Be 2
        $want = if (Test-Path $native) { $native } else { $dir }
        $loaded | ForEach-Object { Split-Path $_.Location | Should -Be $want }
        # The module this build lays out has the folder for PowerShell 7.6 on linux-x64, the runtime CI tests on.
        Test-Path (Join-Path $dir 'net10.0-linux-x64/Docker.DotNet.dll') | Should -BeTrue
    }

    It '<_> declares what it outputs ([OutputType], void for none)' -ForEach @(
        (Get-Command -Module DockerPS -CommandType Cmdlet).Name
    ) {
        @((Get-Command $_).OutputType).Count | Should -BeGreaterThan 0
    }

    It 'has help for <_> with a synopsis, a description and an example' -ForEach @(
        (Get-Command -Module DockerPS -CommandType Cmdlet).Name
    ) {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '^\s*\S+-\S+\s*(\[|$)'   # not PowerShell's generated syntax stand-in
        ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterThan 0
    }
}

Describe 'Tab completion through TabExpansion2' {
    BeforeAll {
        $c = New-TestContainer -Stem 'tab'
        $stem = $c.Name.Substring(0, $c.Name.Length - 3)
        $net = New-ContainerNetwork (New-TestName 'tab-net') -Internal -Label @{ 'dockerps.pester' = $run }
        $netStem = $net.Name.Substring(0, $net.Name.Length - 3)
        $imgStem = $img.Split(':')[0]
    }
    AfterAll {
        Remove-TestContainers
        Remove-ContainerNetwork $net.Name -ErrorAction SilentlyContinue
    }

    # Every parameter that names an existing container, image or network completes from the engine, never file names.
    It 'completes <Line>' -ForEach @(
        @{ Line = 'Connect-ContainerNetwork -Network none -Container {container}'; Want = 'container' }
        @{ Line = 'Disconnect-ContainerNetwork -Network none -Container {container}'; Want = 'container' }
        @{ Line = 'Get-DockerEvent -Container {container}'; Want = 'container' }
        @{ Line = 'New-Image -Container {container}'; Want = 'container' }
        @{ Line = 'Get-Container -Image {image}'; Want = 'image' }
        @{ Line = 'Get-DockerEvent -Image {image}'; Want = 'image' }
        @{ Line = 'New-Container -Network {network}'; Want = 'network' }
        @{ Line = 'Invoke-Container -Network {network}'; Want = 'network' }
    ) {
        $typed = $Line -replace '\{container\}', $stem -replace '\{image\}', $imgStem -replace '\{network\}', $netStem
        $expected = @{ container = $c.Name; image = $img; network = $net.Name }[$Want]
        $r = TabExpansion2 -inputScript $typed -cursorColumn $typed.Length
        $r.CompletionMatches.CompletionText | Should -Contain $expected
    }

    It 'completes a container name for Get-Container -Name' {
        $line = "Get-Container -All -Name $stem"
        $r = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $r.CompletionMatches.CompletionText | Should -Contain $c.Name
    }

    It 'completes a container name at the first position of Stop-Container' {
        $line = "Stop-Container $stem"
        $r = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $r.CompletionMatches.CompletionText | Should -Contain $c.Name
    }

    It 'completes an image name for New-Container' {
        $line = "New-Container $($img.Split(':')[0])"
        $r = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $r.CompletionMatches.CompletionText | Should -Contain $img
    }
}
