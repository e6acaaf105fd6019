# Scheduled-task scripts: pwsh -NoProfile -NonInteractive -File, exit codes, no prompts.
BeforeAll { . $PSScriptRoot/Common.ps1 }
AfterAll { Remove-TestContainers }

Describe 'A script run as a scheduled task' {
    It 'exits 0 after work that succeeds' {
        $r = Invoke-ChildPwsh -Script @"
`$ErrorActionPreference = 'Stop'
`$c = New-Container '$img' sleep 60 -Name '$(New-TestName 'task')' -Network none -Label '$label'
Remove-Container `$c.Name -Force
'done'
"@
        $r.Output | Should -Contain 'done'
        $r.ExitCode | Should -Be 0
    }

    It 'exits 1 with the error text when a command fails under ErrorActionPreference Stop' {
        $r = Invoke-ChildPwsh -Script "`$ErrorActionPreference = 'Stop'; Stop-Container 'no-such-$run'; 'not reached'"
        $r.ExitCode | Should -Be 1
        $r.Output | Should -Not -Contain 'not reached'
        ($r.Output -join "`n") | Should -Match "no-such-$run"
    }

    It 'never prompts: a change that would ask for confirmation fails instead under -NonInteractive' {
        $name = New-TestName 'prompt'
        New-Container $img sleep 60 -Name $name -Network none -Label $label | Out-Null
        $r = Invoke-ChildPwsh -Script "`$ConfirmPreference = 'Low'; Remove-Container '$name' -Force; 'after'" -TimeoutSeconds 30
        ($r.Output -join "`n") | Should -Not -Match 'Are you sure'
        $r.Output | Should -Contain 'after'
    }

    It 'Invoke-Container sets $LASTEXITCODE, which a script can return' {
        $r = Invoke-ChildPwsh -Script "`$null = Invoke-Container '$img' sh '-c' 'exit 7' -Network none -Remove; exit `$LASTEXITCODE"
        $r.ExitCode | Should -Be 7
    }
}
