# Engines that do not answer: reads write one non-terminating ConnectionError per engine, so -ErrorAction decides.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $missing = "unix:///tmp/dps-pester-$run-missing.sock"
    # A port that was free a moment ago: nothing listens there, so connecting is refused at once.
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $closed = "tcp://127.0.0.1:$($listener.LocalEndpoint.Port)"
    $listener.Stop()
}

Describe 'An unreachable engine' {
    It '<Command> -Host <Kind> is a non-terminating ConnectionError that -ErrorAction SilentlyContinue hides' -ForEach @(
        foreach ($command in 'Get-DockerVersion', 'Get-DockerInfo', 'Get-Container', 'Get-Image', 'Get-ContainerNetwork', 'Get-ContainerVolume', 'Get-DockerDiskUsage') {
            @{ Command = $command; Kind = 'missing socket'; Address = { $missing } }
            @{ Command = $command; Kind = 'closed port'; Address = { $closed } }
        }
    ) {
        $address = & $Address
        $state = if (& $Command -Host $address -ErrorAction SilentlyContinue -ErrorVariable errs) { 'up' } else { 'down' }
        $state | Should -Be 'down'
        $errs.Count | Should -Be 1
        $errs[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $errs[0].TargetObject | Should -Be $address
    }

    It 'per-item read <Command> -Host <Kind> writes one error for the engine, not one per item, and does not end the statement' -ForEach @(
        foreach ($command in 'Get-ContainerDetail', 'Get-ContainerLog', 'Get-ContainerProcess', 'Get-ContainerChange', 'Get-ContainerStatistic', 'Get-ImageDetail', 'Get-ImageHistory') {
            @{ Command = $command; Kind = 'missing socket'; Address = { $missing } }
            @{ Command = $command; Kind = 'closed port'; Address = { $closed } }
        }
    ) {
        $address = & $Address
        $state = if ('one', 'two' | & $Command -Host $address -ErrorAction SilentlyContinue -ErrorVariable errs) { 'up' } else { 'down' }
        $state | Should -Be 'down'
        $errs.Count | Should -Be 1
        $errs[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $errs[0].TargetObject | Should -Be $address
    }

    It 'Get-DockerEvent -Host <Kind> is non-terminating too' -ForEach @(
        @{ Kind = 'missing socket'; Address = { $missing } }
        @{ Kind = 'closed port'; Address = { $closed } }
    ) {
        $address = & $Address
        $events = Get-DockerEvent -Host $address -ErrorAction SilentlyContinue -ErrorVariable errs
        $events | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].CategoryInfo.Category | Should -Be 'ConnectionError'
    }

    It 'one engine down among several: the answering one is read and the other writes its error' {
        $v = @(Get-DockerVersion -Host $missing, (Get-DockerVersion).Engine -ErrorAction SilentlyContinue -ErrorVariable errs)
        $v.Count | Should -Be 1
        $errs.Count | Should -Be 1
        $errs[0].TargetObject | Should -Be $missing
    }

    It 'with -ErrorAction Stop it ends the statement, as any error would' {
        { Get-DockerVersion -Host $missing -ErrorAction Stop } | Should -Throw -ErrorId 'EngineUnreachable*'
    }

    It 'says that a socket file does not exist, in whole sentences' {
        Get-DockerVersion -Host $missing -ErrorAction SilentlyContinue -ErrorVariable errs
        $message = $errs[0].Exception.Message
        $message | Should -Match ([regex]::Escape("/tmp/dps-pester-$run-missing.sock") + '.*does not exist\.')
        $message | Should -Not -Match '[^.] Start the engine'
        $message | Should -Match 'Start the engine'
    }

    It 'a refused tcp connection ends its sentence before the advice' {
        Get-DockerVersion -Host $closed -ErrorAction SilentlyContinue -ErrorVariable errs
        $errs[0].Exception.Message | Should -Match '\. Start the engine'
    }
}

Describe '-Verbose names the engine' {
    It 'says once which engine a read talks to, where that came from, and the API version' {
        $engine = (Get-DockerVersion).Engine
        $lines = @(Get-Container -All -Label $label -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] } |
                Where-Object Message -like 'Engine *')
        $lines.Count | Should -Be 1
        $lines[0].Message | Should -Match ('^Engine ' + [regex]::Escape($engine) + ' \(from .+\), API \d+\.\d+$')
    }

    It 'names each engine of a fan-out once' {
        $engine = (Get-DockerVersion).Engine
        $lines = @(Get-DockerVersion -Host $engine, $missing -ErrorAction SilentlyContinue -Verbose 4>&1 |
                Where-Object { $_ -is [Management.Automation.VerboseRecord] -and $_.Message -like 'Engine *' })
        $lines.Count | Should -Be 1
        $lines[0].Message | Should -Match '\(from the -Host parameter\)'
    }
}
