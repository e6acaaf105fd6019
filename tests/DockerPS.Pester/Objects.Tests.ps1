# What the objects' properties say, checked against the docker CLI on the same engine where it has an answer.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $cli = if ($IsPodman) { 'podman' } else { 'docker' }
}
AfterAll { Remove-TestContainers }

Describe 'Get-Image counts' {
    BeforeAll { $c = New-TestContainer -Stem 'img-count' }

    It 'Containers counts the containers of the image, stopped ones too' {
        $expected = @(Get-Container -All | Where-Object ImageId -eq (Get-Image $img).Id).Count
        $expected | Should -BeGreaterThan 0
        (Get-Image $img).Containers | Should -Be $expected
    }

    It 'Where-Object Containers -eq 0 finds unused images, never ones in use' {
        Get-Image | Where-Object Containers -eq 0 | Where-Object Id -eq (Get-Image $img).Id | Should -BeNullOrEmpty
        @(Get-Image | Where-Object Containers -lt 0) | Should -BeNullOrEmpty
    }

    It 'SharedSize is $null, not -1, when the engine did not compute it' {
        # ($null -lt 0 is true in PowerShell, so test for a value first.)
        @(Get-Image | Where-Object { $null -ne $_.SharedSize -and $_.SharedSize -lt 0 }) | Should -BeNullOrEmpty
    }
}

Describe 'Get-ContainerNetwork | Get-Container' {
    BeforeAll {
        # -Internal: a bridge with no way out, so nothing leaves the host.
        $net = New-ContainerNetwork (New-TestName 'net') -Internal -Label @{ 'dockerps.pester' = $run }
        $created = New-Container $img sleep 300 -Name (New-TestName 'net-created') -Network $net.Name -Label $label
        $running = New-Container $img sleep 300 -Name (New-TestName 'net-running') -Network $net.Name -Label $label
        Start-Container $running.Name
    }
    AfterAll {
        Remove-TestContainers
        Remove-ContainerNetwork $net.Name -ErrorAction SilentlyContinue
    }

    It 'lists the containers created on the network but never started, as <cli> ps -a --filter network= does' {
        $fromCli = @(& $cli ps -a --no-trunc --filter "network=$($net.Name)" --format '{{.ID}}') | Sort-Object
        $fromCli | Should -Contain $created.Id
        @(Get-ContainerNetwork $net.Name | Get-Container).Id | Sort-Object | Should -Be $fromCli
        @(Get-Container -Network $net.Name).Id | Sort-Object | Should -Be $fromCli
    }
}

Describe 'State and Status' {
    BeforeAll {
        $exited = New-TestContainer -Stem 'exited' -Command @('true') -Start
        Wait-Container $exited.Name | Out-Null
        $exited = Get-Container -All -Name $exited.Name
    }

    It 'State is the machine value and Status the engine text' {
        $exited.State | Should -Be 'exited'
        $exited.Status | Should -Match '^Exited \(0\)'
    }

    It 'Get-Container -State exited (the -Status parameter) filters on State' {
        $found = @(Get-Container -State exited -Label $label)
        $found.Name | Should -Contain $exited.Name
        $found.State | Sort-Object -Unique | Should -Be 'exited'
    }

    It 'the -Status help says that it filters the State property' {
        $help = (Get-Help Get-Container -Parameter Status | Out-String)
        $help | Should -Match 'State property'
        (Get-Command Get-Container).Parameters['Status'].Aliases | Should -Contain 'State'
    }
}
