# DockerPS objects under the standard cmdlets, and back into DockerPS cmdlets, as scripts use them.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $a = New-TestContainer -Stem 'pipe-a' -Start
    $b = New-TestContainer -Stem 'pipe-b'
    $vol = New-ContainerVolume (New-TestName 'pipe-v') -Label @{ 'dockerps.pester' = $run }
    $net = New-ContainerNetwork (New-TestName 'pipe-n') -Internal -Label @{ 'dockerps.pester' = $run }
    $csv = Join-Path ([IO.Path]::GetTempPath()) "dps-pester-$run.csv"
}
AfterAll {
    Remove-TestContainers
    Remove-Item $csv -ErrorAction SilentlyContinue
    Remove-ContainerVolume $vol.Name -ErrorAction SilentlyContinue
    Remove-ContainerNetwork $net.Name -ErrorAction SilentlyContinue
}

Describe 'Standard cmdlets over DockerPS objects' {
    It 'Where-Object, Sort-Object, Select-Object and Measure-Object work on typed properties' {
        $mine = Get-Container -All -Label $label
        ($mine | Measure-Object).Count | Should -Be 2
        ($mine | Where-Object State -eq 'running').Name | Should -Be $a.Name
        ($mine | Sort-Object Name | Select-Object -First 1 -ExpandProperty Name) | Should -Be (@($a.Name, $b.Name) | Sort-Object | Select-Object -First 1)
        ($mine | Select-Object Name, Image).Image | Should -Be @($img, $img)
    }

    It 'Group-Object by State counts each state' {
        $groups = Get-Container -All -Label $label | Group-Object State
        ($groups | Where-Object Name -eq 'running').Count | Should -Be 1
        ($groups | Where-Object Name -eq 'created').Count | Should -Be 1
    }

    It 'ConvertTo-Json gives the Id, Name and Labels as data' {
        $json = Get-Container -All -Name $a.Name | ConvertTo-Json -Depth 4 | ConvertFrom-Json
        $json.Id | Should -Be $a.Id
        $json.Name | Should -Be $a.Name
    }

    It 'Export-Csv rows go back into Get-Container and Remove-Container -WhatIf by property name' {
        Get-Container -All -Label $label | Select-Object Name, Id | Export-Csv -LiteralPath $csv
        $rows = Import-Csv -LiteralPath $csv
        @($rows | Get-Container -All).Id | Sort-Object | Should -Be (@($a.Id, $b.Id) | Sort-Object)
        $rows | Remove-Container -WhatIf
        (Get-Container -All -Label $label | Measure-Object).Count | Should -Be 2
    }

    It 'a [pscustomobject] with a Name binds to Get-Container and Stop-Container' {
        ([pscustomobject]@{ Name = $a.Name } | Get-Container).Id | Should -Be $a.Id
        [pscustomobject]@{ Name = $a.Name } | Stop-Container -Timeout 0
        (Get-Container -All -Name $a.Name).State | Should -Be 'exited'
        Start-Container $a.Name
    }

    It 'a [pscustomobject] with a Name binds to <Command>' -ForEach @(
        @{ Command = 'Get-Image'; Name = { $img }; Property = 'Reference' }
        @{ Command = 'Get-ContainerNetwork'; Name = { $net.Name }; Property = 'Name' }
        @{ Command = 'Get-ContainerVolume'; Name = { $vol.Name }; Property = 'Name' }
        @{ Command = 'Get-DockerContext'; Name = { (Get-DockerContext | Select-Object -First 1).Name }; Property = 'Name' }
    ) {
        $wanted = & $Name
        $found = @([pscustomobject]@{ Name = $wanted } | & $Command -ErrorAction Stop)
        $found.Count | Should -Be 1
        $found[0].$Property | Should -Be $wanted
    }

    It 'a [pscustomobject] with a Name binds to <Command>, which removes it' -ForEach @(
        @{ Command = 'Remove-ContainerNetwork'; Name = { $net.Name }; Check = { Get-ContainerNetwork $net.Name -ErrorAction SilentlyContinue } }
        @{ Command = 'Remove-ContainerVolume'; Name = { $vol.Name }; Check = { Get-ContainerVolume $vol.Name -ErrorAction SilentlyContinue } }
    ) {
        [pscustomobject]@{ Name = (& $Name) } | & $Command -Confirm:$false -ErrorAction Stop
        & $Check | Should -BeNullOrEmpty
    }

    It 'one missing name writes one error and the other items go on' {
        $found = @($a.Name, "no-such-$run", $b.Name) | Get-Container -All -ErrorAction SilentlyContinue -ErrorVariable errs
        $found.Count | Should -Be 2
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Match '^ContainerNotFound'
        $errs[0].TargetObject | Should -Be "no-such-$run"
    }
}

Describe 'Changes to many containers in one pipeline' {
    BeforeAll {
        $many = 1..12 | ForEach-Object { New-TestContainer -Stem "many$_" }
        $missing = "no-such-$run"
    }
    AfterAll { Remove-TestContainers }

    It 'starts every container, writes -PassThru output in the order the names came, and one error for the missing one' {
        $names = @($many.Name[0..5]) + $missing + @($many.Name[6..11])
        $out = $names | Start-Container -PassThru -ThrottleLimit 3 -ErrorAction SilentlyContinue -ErrorVariable errs
        $out.Name | Should -Be ($names | Where-Object { $_ -ne $missing })
        $errs.Count | Should -Be 1
        $errs[0].TargetObject | Should -Be $missing
        @(Get-Container -Label $label | Where-Object Name -in $many.Name).Count | Should -Be 12
    }

    It 'stops and removes them all through the pipeline, as docker rm -f does with many ids' {
        Get-Container -All -Label $label | Where-Object Name -in $many.Name | Stop-Container -Timeout 0 -PassThru |
            ForEach-Object { $_.State | Should -Be 'exited' }
        Get-Container -All -Label $label | Where-Object Name -in $many.Name | Remove-Container
        @(Get-Container -All -Label $label | Where-Object Name -in $many.Name).Count | Should -Be 0
    }
}

Describe 'Removing many images, networks and volumes in one pipeline' {
    BeforeAll {
        $repo = "dps-p-$run-rmi"
        $tags = 1..10 | ForEach-Object { "${repo}:t$_" }
        $vols = 1..10 | ForEach-Object { (New-ContainerVolume (New-TestName "rmv$_") -Label @{ 'dockerps.pester' = $run }).Name }
        $nets = 1..6 | ForEach-Object { (New-ContainerNetwork (New-TestName "rmn$_") -Internal -Label @{ 'dockerps.pester' = $run }).Name }
        $user = New-TestContainer -Stem 'rm-user' -Extra @{ Volume = "$($vols[4]):/data" }
    }
    AfterAll {
        Remove-TestContainers
        $vols | Remove-ContainerVolume -Confirm:$false -ErrorAction SilentlyContinue
        $nets | Remove-ContainerNetwork -Confirm:$false -ErrorAction SilentlyContinue
        Get-Image "${repo}:*" | Remove-Image -ErrorAction SilentlyContinue
    }

    It 'untags ten tags of one image, one output per tag in the order they came, and keeps the image' {
        $tags | ForEach-Object { Add-ImageTag $img $_ -ErrorAction Stop }
        $out = $tags | Remove-Image -ErrorAction Stop
        @($out | Where-Object Action -eq 'Untagged').Target | ForEach-Object { $_ -replace '^(docker\.io/(library/)?|localhost/)', '' } | Should -Be $tags
        @(Get-Image "${repo}:*").Count | Should -Be 0
        @(Get-Image $img).Count | Should -Be 1
    }

    It 'removes volumes several at a time: errors for the missing and the used one, in input order, and the rest are gone' {
        $missing = "no-such-vol-$run"
        $names = @($vols[0..2]) + $missing + @($vols[3..9])
        $names | Remove-ContainerVolume -ThrottleLimit 4 -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errs
        $errs.Count | Should -Be 2
        $errs[0].TargetObject | Should -Be $missing
        $errs[0].FullyQualifiedErrorId | Should -Match '^VolumeNotFound'
        $errs[1].TargetObject | Should -Be $vols[4]
        @(Get-ContainerVolume -Label "dockerps.pester=$run" | Where-Object Name -in $vols).Name | Should -Be @($vols[4])
    }

    It 'removes piped networks several at a time, as docker network rm does with many names' {
        Get-ContainerNetwork -Label "dockerps.pester=$run" | Where-Object Name -in $nets | Remove-ContainerNetwork -ThrottleLimit 3 -Confirm:$false -ErrorAction Stop
        @(Get-ContainerNetwork -Label "dockerps.pester=$run" | Where-Object Name -in $nets).Count | Should -Be 0
    }
}
