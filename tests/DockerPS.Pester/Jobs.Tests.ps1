# DockerPS in other runspaces and processes: Start-Job, Start-ThreadJob, ForEach-Object -Parallel.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $c = New-TestContainer -Stem 'jobs'
}
AfterAll { Remove-TestContainers }

Describe 'Jobs and parallel runspaces' {
    It 'Start-Job (another process) reads the container' {
        $job = Start-Job { param($m, $n) Import-Module $m; (Get-Container -All -Name $n).Id } -ArgumentList $manifest, $c.Name
        $id = $job | Wait-Job -Timeout 60 | Receive-Job
        $job | Remove-Job -Force
        $id | Should -Be $c.Id
    }

    It 'Start-ThreadJob (another runspace in this process) reads the container' {
        $job = Start-ThreadJob { param($m, $n) Import-Module $m; (Get-Container -All -Name $n).Id } -ArgumentList $manifest, $c.Name
        $id = $job | Wait-Job -Timeout 60 | Receive-Job
        $job | Remove-Job -Force
        $id | Should -Be $c.Id
    }

    It 'ForEach-Object -Parallel runs DockerPS in each runspace' {
        $ids = 1..4 | ForEach-Object -Parallel { Import-Module $using:manifest; (Get-Container -All -Name $using:c.Name).Id } -ThrottleLimit 4
        $ids | Should -Be @($c.Id, $c.Id, $c.Id, $c.Id)
    }
}
