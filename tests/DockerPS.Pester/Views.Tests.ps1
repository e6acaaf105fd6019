# The table views as a console shows them: at 80 and 120 columns (and wide), headers stay whole, NAMES and STATUS
# stay in Get-Container, SIZE in Get-Image, and no column leaves a wide gap. Once through Out-String -Width, once in
# a real terminal (tmux) where pwsh measures the window itself.
BeforeDiscovery {
    $views = @(
        @{ Name = 'Get-Container'; Get = { Get-Container -All -Label $label }
            Labels = 'CONTAINER ID', 'NAMES', 'STATUS', 'IMAGE', 'PORTS', 'CREATED', 'COMMAND'; Required = 'CONTAINER ID', 'NAMES', 'STATUS' }
        @{ Name = 'Get-Image'; Get = { Get-Image $img }
            Labels = 'REPOSITORY', 'TAG', 'IMAGE ID', 'SIZE', 'CREATED'; Required = 'REPOSITORY', 'TAG', 'IMAGE ID', 'SIZE' }
        @{ Name = 'Get-ImageHistory'; Get = { Get-ImageHistory $img }
            Labels = 'IMAGE', 'CREATED', 'SIZE', 'CREATED BY', 'COMMENT'; Required = 'IMAGE', 'CREATED', 'SIZE' }
        @{ Name = 'Get-DockerContext'; Get = { Get-DockerContext }
            Labels = 'NAME', 'DOCKER ENDPOINT', 'DESCRIPTION'; Required = 'NAME', 'DOCKER ENDPOINT' }
        @{ Name = 'Get-DockerDiskUsage'; Get = { Get-DockerDiskUsage }
            Labels = 'TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE'; Required = 'TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE' }
    )
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $running = New-TestContainer -Stem 'view-run' -Start
    $exited = New-TestContainer -Stem 'view-exit' -Command @('true') -Start
    Wait-Container $exited.Name | Out-Null
    $running = Get-Container -All -Name $running.Name
    $exited = Get-Container -All -Name $exited.Name

    # The table's header line, where its last visible column starts, and the rows. pwsh cuts the last column that
    # only partly fits the console, wrapping its label below the header; no other column may spill over.
    function Get-Table([string[]] $Lines) {
        $Lines = @($Lines | Where-Object { $_.Trim() })
        $dashes = [array]::FindIndex($Lines, [Predicate[string]] { param($l) $l -match '^[- ]+$' })
        $dashes | Should -BeGreaterThan 0 -Because "a table has a line of dashes under its header:`n$($Lines -join "`n")"
        $lastStart = ([regex]::Matches($Lines[$dashes], '-+') | Select-Object -Last 1).Index
        for ($i = 1; $i -lt $dashes; $i++) {
            $Lines[$i].Substring(0, [Math]::Min($lastStart, $Lines[$i].Length)).Trim() | Should -BeNullOrEmpty -Because "only the last, cut column may wrap its header:`n$($Lines -join "`n")"
        }
        [pscustomobject]@{ Header = $Lines[0]; LastStart = $lastStart; Lines = @($Lines | Select-Object -Skip $dashes); Rows = @($Lines | Select-Object -Skip ($dashes + 1)) }
    }

    # Every header but the last visible one is made of whole label words (a cut label leaves 'STAT' or 'S'); the
    # required ones are whole and come before any cut column.
    function Assert-Headers($Table, [string[]] $Labels, [string[]] $Required) {
        $words = $Labels -split ' '
        $whole = $Table.Header.Substring(0, [Math]::Min($Table.LastStart, $Table.Header.Length))
        foreach ($w in $whole -split '\s+' | Where-Object { $_ }) {
            $words | Should -Contain $w -Because "'$w' in '$($Table.Header)' should be a whole header"
        }
        foreach ($r in $Required) {
            $Table.Header | Should -Match ('(^|\s)' + [regex]::Escape($r) + '(\s|$)') -Because "the $r column should stay at this width:`n$($Table.Header)"
        }
    }

    # The container's row holds its whole name and its whole status; the status text ages, so match its shape.
    function Assert-Rows([string[]] $Lines) {
        foreach ($c in @{ C = $running; Status = 'Up (Less than a second|About an? \w+|\d+ \w+)' }, @{ C = $exited; Status = 'Exited \(0\) (Less than a second|About an? \w+|\d+ \w+) ago' }) {
            $row = @($Lines | Where-Object { $_ -match ('(^|\s)' + [regex]::Escape($c.C.Name) + '(\s|$)') })
            $row.Count | Should -Be 1 -Because "the full name $($c.C.Name) should be on one row:`n$($Lines -join "`n")"
            $row[0] | Should -Match ('(^|\s)' + $c.Status + '(\s|$)') -Because 'the full status should be shown'
        }
    }

    # A gap is a band of blanks down the whole table (a fixed width far wider than its values); one separator is not.
    function Assert-NoGap($Table) {
        $all = @($Table.Header) + $Table.Lines
        $width = ($all | Measure-Object Length -Maximum).Maximum
        $used = ($all | ForEach-Object { $_.TrimEnd().Length } | Measure-Object -Maximum).Maximum
        $run = 0
        for ($x = 0; $x -lt $used; $x++) {
            $blank = -not ($all | Where-Object { $x -lt $_.Length -and $_[$x] -ne ' ' })
            $run = if ($blank) { $run + 1 } else { 0 }
            $run | Should -BeLessThan 8 -Because "no column should leave a wide gap (blank at $x):`n$($all -join "`n")"
        }
    }
}
AfterAll { Remove-TestContainers }

Describe 'Table views through Out-String -Width' {
    It '<Name> at <Width> columns keeps its headers whole and leaves no wide gap' -ForEach @(
        foreach ($width in 80, 120, 200) {
            foreach ($v in $views) { $v + @{ Width = $width } }
        }
    ) {
        $table = Get-Table ((& $Get | Out-String -Width $Width) -split "`r?`n")
        Assert-Headers $table $Labels $Required
        Assert-NoGap $table
    }

    It 'Get-Container at <_> columns shows each full name and the full status' -ForEach 80, 120, 200 {
        Assert-Rows ((Get-Container -All -Label $label | Out-String -Width $_) -split "`r?`n")
    }
}

Describe 'Views that name a container keep its whole name' {
    BeforeAll {
        # A change in the container's file system, for Get-ContainerChange.
        Invoke-ContainerCommand $running.Name -Command touch, /tmp/dps-view | Out-Null
    }

    It '<Name> at <Width> columns' -ForEach @(
        foreach ($width in 80, 120) {
            @{ Name = 'Get-ContainerStatistic'; Width = $width; Get = { Get-ContainerStatistic $running.Name } }
            # Podman 4.3: GET /containers/{id}/top answers 200 with an empty body (as the xunit InspectTests skip says).
            @{ Name = 'Get-ContainerProcess'; Width = $width; Get = { Get-ContainerProcess $running.Name }; Skip = $env:DOCKERPS_TEST_ENGINE -eq 'podman' }
            @{ Name = 'Get-ContainerChange'; Width = $width; Get = { Get-ContainerChange $running.Name } }
            # Podman 4.3: the same query returned no start events in CI (its event log reports other actions, cf. InspectTests).
            @{ Name = 'Get-DockerEvent'; Width = $width; Get = { Get-DockerEvent -Since 10m -Label $label -Event start }; Skip = $env:DOCKERPS_TEST_ENGINE -eq 'podman' }
        }
    ) {
        if ($Skip) { Set-ItResult -Skipped -Because 'Podman 4.3 answers this query differently (see the comment at its case)'; return }
        $lines = (& $Get | Out-String -Width $Width) -split "`r?`n"
        $table = Get-Table $lines
        Assert-NoGap $table
        $table.Rows | Where-Object { $_ -match ('(^|\s)' + [regex]::Escape($running.Name) + '(\s|$)') } | Should -Not -BeNullOrEmpty -Because "the whole name should show:`n$($lines -join "`n")"
    }
}

Describe 'Get-Container in a real terminal (tmux)' {
    BeforeAll {
        # tmux gives pwsh a real tty of a known size, so the console's own width decides the layout, not -Width.
        $tmux = Get-Command tmux -ErrorAction SilentlyContinue
        function Invoke-InTerminal([int] $Columns, [string] $Command) {
            $session = "dps-$run-$Columns"
            $out = Join-Path ([IO.Path]::GetTempPath()) "$session.txt"
            $script = Join-Path ([IO.Path]::GetTempPath()) "$session.ps1"
            Set-Content -LiteralPath $script -Value @"
Import-Module '$manifest'
`$label = '$label'
'WIDTH=' + `$Host.UI.RawUI.WindowSize.Width
$Command
"@
            $pwsh = (Get-Process -Id $PID).Path
            # pwsh writes a table when its pipeline ends, so the marker comes from sh after pwsh exits, and the pane stays.
            & $tmux.Source new-session -d -s $session -x $Columns -y 50 "$pwsh -NoProfile -File $script; echo END-OF-OUTPUT; sleep 60"
            try {
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                do {
                    Start-Sleep -Milliseconds 300
                    $screen = & $tmux.Source capture-pane -p -t $session -S 0 -E 49
                } until (($screen -join "`n") -match 'END-OF-OUTPUT' -or [DateTime]::UtcNow -gt $deadline)
                $screen
            }
            finally {
                & $tmux.Source kill-session -t $session 2>$null
                Remove-Item -LiteralPath $script, $out -ErrorAction SilentlyContinue
            }
        }
    }

    It 'at <_> columns shows NAMES and STATUS with full values and whole headers' -ForEach 80, 120 {
        if (-not $tmux) {
            Set-ItResult -Skipped -Because 'tmux is not installed here (apt-get install tmux): no real terminal to measure'
            return
        }
        $columns = $_
        $screen = @(Invoke-InTerminal $columns 'Get-Container -All -Label $label')
        $screen | Should -Contain "WIDTH=$columns" -Because 'pwsh should see the terminal width tmux gave it'
        $lines = @($screen | Where-Object { $_ -notmatch '^WIDTH=|END-OF-OUTPUT' })
        $table = Get-Table $lines
        Assert-Headers $table ('CONTAINER ID', 'NAMES', 'STATUS', 'IMAGE', 'PORTS', 'CREATED', 'COMMAND') ('CONTAINER ID', 'NAMES', 'STATUS')
        Assert-NoGap $table
        Assert-Rows $lines
    }
}
