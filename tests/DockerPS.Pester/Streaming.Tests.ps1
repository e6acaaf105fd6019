# Streaming cmdlets under Select-Object -First: each must end soon after its downstream has what it wants.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    # Says "hi" at once, then stays quiet: a follower that ignores the stop would block on the silent stream.
    $c = New-TestContainer -Stem 'stream' -Command @('sh', '-c', 'echo hi; sleep 300') -Start
    $since = (Get-Date).AddMinutes(-5)

    # Runs one pipeline in a child pwsh that this test owns and kills after $TimeoutSeconds, so a hang fails the
    # test instead of hanging the suite; returns whether it ended and the line it printed about its item.
    function Invoke-Watched([string] $Pipeline, [int] $TimeoutSeconds = 30) {
        $file = Join-Path ([IO.Path]::GetTempPath()) ("dps-pester-" + [guid]::NewGuid().ToString('N') + '.ps1')
        Set-Content -LiteralPath $file -Value @"
Import-Module '$manifest'
`$name = '$($c.Name)'; `$label = '$label'; `$since = [datetime]'$($since.ToString('o'))'
`$item = $Pipeline
"count=`$(@(`$item).Count) type=`$(if (`$item) { `$item.GetType().Name })"
"@
        $info = [Diagnostics.ProcessStartInfo]::new((Get-Process -Id $PID).Path)
        foreach ($a in '-NoProfile', '-NonInteractive', '-File', $file) { $info.ArgumentList.Add($a) }
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $p = [Diagnostics.Process]::Start($info)
        try {
            $out = $p.StandardOutput.ReadToEndAsync()
            $finished = $p.WaitForExit($TimeoutSeconds * 1000)
            if (-not $finished) { $p.Kill($true); $p.WaitForExit() }
            [pscustomobject]@{ Finished = $finished; Output = $out.GetAwaiter().GetResult().Trim() }
        }
        finally {
            $p.Dispose()
            Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue
        }
    }
}
AfterAll { Remove-TestContainers }

Describe 'Select-Object -First 1 stops a streaming cmdlet' {
    It '<Name> ends after its first item' -ForEach @(
        @{ Name = 'Get-ContainerLog -Follow'; Pipeline = 'Get-ContainerLog $name -Follow | Select-Object -First 1'; Type = 'ContainerLogLine' }
        @{ Name = 'Get-DockerEvent -Follow'; Pipeline = 'Get-DockerEvent -Since $since -Follow -Label $label | Select-Object -First 1'; Type = 'DockerEvent' }
        @{ Name = 'Get-ContainerStatistic -Stream'; Pipeline = 'Get-ContainerStatistic $name -Stream | Select-Object -First 1'; Type = 'ContainerStatistic' }
        @{ Name = 'Invoke-ContainerCommand -AsText'; Pipeline = "Invoke-ContainerCommand `$name -Command sh, '-c', 'echo hi; sleep 300' -AsText | Select-Object -First 1"; Type = 'String' }
    ) {
        $r = Invoke-Watched $Pipeline
        $r.Finished | Should -BeTrue -Because "'$Pipeline' should end once Select-Object has its item (it still ran after 30 s)"
        $r.Output | Should -Be "count=1 type=$Type"
    }
}
