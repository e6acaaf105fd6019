# Compose projects as scripts drive them: a compose.yaml in a folder, up, ps, logs, stop, down, and the container
# cmdlets on a project's containers. The image is the suite's local test image with pull_policy: never, so the
# engine is never asked to pull.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $project = New-TestName 'cmp'
    $dir = Join-Path $TestDrive 'app'
    New-Item -ItemType Directory -Path $dir | Out-Null
    # Two services on the network the project creates (<project>_default); web waits for worker to start.
    # On Podman 4.3 web (the one the test restarts) has no network: its CNI bridge plugin sometimes refuses the
    # restart with "10.89.0.3 has been allocated to <the same container>, duplicate allocation is not allowed"
    # (observed in CI), an engine bug that is not what this file tests.
    $webNetwork = if ($IsPodman) { "`n    network_mode: none" } else { '' }
    Set-Content -LiteralPath (Join-Path $dir 'compose.yaml') -Value @"
services:
  worker:
    image: `${IMG}
    pull_policy: never
    command: sh -c 'echo worker says `$`$GREETING; exec sleep 300'
    environment:
      GREETING: `${GREETING:-hello}
    labels:
      dockerps.pester: '$run'
  web:
    image: `${IMG}
    pull_policy: never
    command: sh -c 'echo web is up; exec sleep 300'
    depends_on: [worker]$webNetwork
    labels:
      dockerps.pester: '$run'
"@
    Set-Content -LiteralPath (Join-Path $dir '.env') -Value "IMG=$img"
    Push-Location $dir
}
AfterAll {
    Remove-ComposeProject $project -Volumes -Confirm:$false -ErrorAction SilentlyContinue
    Pop-Location
    Remove-TestContainers
}

Describe 'A compose project in a script' {
    It 'Start-ComposeProject brings both services up with Compose names on the project network' {
        $up = Start-ComposeProject -ProjectName $project -ErrorAction Stop
        $up.Name | Sort-Object | Should -Be @("$project-web-1", "$project-worker-1")
        $up.State | Should -Be @('running', 'running')
        (Get-ContainerNetwork "${project}_default" -ErrorAction Stop).Name | Should -Be "${project}_default"
    }

    It 'Get-ComposeProject lists it and Get-ComposeContainer gives its containers in service order' {
        (Get-ComposeProject | Where-Object Project -eq $project) | Should -Not -BeNullOrEmpty
        (Get-ComposeContainer $project).Name | Should -Be @("$project-web-1", "$project-worker-1")
        (Get-ComposeContainer $project worker).Name | Should -Be "$project-worker-1"
        # Piped from Get-ComposeProject by property name.
        (Get-ComposeProject | Where-Object Project -eq $project | Get-ComposeContainer).Count | Should -Be 2
    }

    It 'Get-ComposeLog gives each line with its service, after interpolation from .env and defaults' {
        $lines = $null
        foreach ($try in 1..40) {
            $lines = @(Get-ComposeLog $project -ErrorAction Stop)
            if ($lines.Count -ge 2) { break }
            Start-Sleep -Milliseconds 250
        }
        ($lines | Where-Object Service -eq 'worker').Text | Should -Be 'worker says hello'
        ($lines | Where-Object Service -eq 'web').Text | Should -Be 'web is up'
        # Compose's own interpolation happened at load; `$`$ reached the shell as one `$.
        (Get-ComposeLog $project web -Tail 1).Text | Should -Be 'web is up'
    }

    It 'docker compose exec is Get-ComposeContainer piped into Invoke-ContainerCommand, and restart keeps the container' {
        $r = Get-ComposeContainer $project web | Invoke-ContainerCommand -Command sh, -c, 'echo $GREETING-$0; exit 3' -ErrorAction Stop
        $r.ExitCode | Should -Be 3
        $LASTEXITCODE | Should -Be 3
        $greeting = Get-ComposeContainer $project worker | Invoke-ContainerCommand -Command sh, -c, 'echo $GREETING' -ErrorAction Stop
        $greeting.ExitCode | Should -Be 0
        # Podman 4.3 here sometimes hands back no output of an exec that ends at once (dockerd always has it).
        if (-not $IsPodman) { $greeting.Stdout.Trim() | Should -Be 'hello' }
        $id = (Get-ComposeContainer $project web).Id
        (Restart-ComposeProject $project web -Timeout 0 -PassThru -ErrorAction Stop).Id | Should -Be $id
    }

    It 'Get-ComposeContainer | Stop-Container stops just the service it selected' {
        Get-ComposeContainer $project worker | Stop-Container -Timeout 0 -ErrorAction Stop
        $state = @{}
        Get-ComposeContainer $project -All | ForEach-Object { $state[$_.Labels['com.docker.compose.service']] = $_.State }
        $state['worker'] | Should -Be 'exited'
        $state['web'] | Should -Be 'running'
        (Get-ComposeContainer $project).Name | Should -Be "$project-web-1"
    }

    It 'Start-ComposeProject again starts the stopped container and keeps the unchanged one' {
        $before = (Get-ComposeContainer $project web).Id
        $up = Start-ComposeProject -ProjectName $project -ErrorAction Stop
        $up.State | Should -Be @('running', 'running')
        (Get-ComposeContainer $project web).Id | Should -Be $before
    }

    It 'Stop-ComposeProject stops the project; -PassThru gives the stopped containers' {
        $stopped = Stop-ComposeProject $project -Timeout 0 -PassThru -ErrorAction Stop
        $stopped.State | Should -Be @('exited', 'exited')
        Get-ComposeContainer $project | Should -BeNullOrEmpty
        (Get-ComposeContainer $project -All).Count | Should -Be 2
    }

    It 'Remove-ComposeProject takes down its containers and its network' {
        Remove-ComposeProject $project -Confirm:$false -ErrorAction Stop
        Get-ComposeContainer $project -All | Should -BeNullOrEmpty
        Get-ContainerNetwork "${project}_default" -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-ComposeProject -All | Where-Object Project -eq $project | Should -BeNullOrEmpty
    }
}

Describe 'A bad compose file in a script' {
    BeforeAll {
        $bad = Join-Path $TestDrive 'bad'
        New-Item -ItemType Directory -Path $bad | Out-Null
        Set-Content -LiteralPath (Join-Path $bad 'compose.yaml') -Value @"
services:
  web:
    image: $img
    enviroment:
      A: b
"@
    }

    It '-ErrorAction Stop throws ComposeUnknownKey naming the file, the line and the near key' {
        $err = $null
        try { Start-ComposeProject -File (Join-Path $bad 'compose.yaml') -ProjectName (New-TestName 'bad') -ErrorAction Stop }
        catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be 'ComposeUnknownKey,DockerPS.Commands.Compose.StartComposeProjectCommand'
        $err.Exception.Message | Should -Match "compose\.yaml, line 4, 'services\.web\.enviroment': unknown key; did you mean 'environment'\?"
    }

    It 'a scheduled-task script stops at it with exit code 1 and the file:line message, and creates nothing' {
        $name = New-TestName 'bad'
        $r = Invoke-ChildPwsh -Script @"
`$ErrorActionPreference = 'Stop'
try {
    Set-Location '$bad'
    Start-ComposeProject -ProjectName '$name'
    'not reached'
}
catch {
    Write-Output ("failed: " + `$_.FullyQualifiedErrorId + ": " + `$_.Exception.Message)
    exit 1
}
"@
        $r.ExitCode | Should -Be 1
        $r.Output | Should -Not -Contain 'not reached'
        ($r.Output -join "`n") | Should -Match 'failed: ComposeUnknownKey,.*compose\.yaml, line 4'
        Get-ComposeContainer $name -All | Should -BeNullOrEmpty
    }
}

Describe 'A compose project that builds its image and extends a service' {
    BeforeAll {
        $buildProject = New-TestName 'cbuild'
        $app = Join-Path $TestDrive 'buildapp'
        New-Item -ItemType Directory -Path (Join-Path $app 'src') | Out-Null
        Set-Content -LiteralPath (Join-Path $app 'src/Dockerfile') -Value "FROM $img`nCOPY version.txt /version.txt"
        Set-Content -LiteralPath (Join-Path $app 'src/version.txt') -Value '1'
        # web extends the base service of another file; its image is built from ./src and named <project>-web.
        Set-Content -LiteralPath (Join-Path $app 'base.yaml') -Value @"
services:
  base:
    network_mode: none
    environment:
      TIER: base
    labels:
      dockerps.pester: '$run'
"@
        Set-Content -LiteralPath (Join-Path $app 'compose.yaml') -Value @"
services:
  web:
    extends: { file: base.yaml, service: base }
    build: ./src
    command: sleep 300
    environment:
      ROLE: web
"@
        Push-Location $app
    }
    AfterAll {
        Remove-ComposeProject $buildProject -Confirm:$false -ErrorAction SilentlyContinue
        $name = if ($IsPodman) { "localhost/$buildProject-web" } else { "$buildProject-web" }
        Remove-Image $name -Force -ErrorAction SilentlyContinue
        Pop-Location
    }

    It 'Start-ComposeProject builds the missing image once and runs the merged service' {
        $up = Start-ComposeProject -ProjectName $buildProject -ErrorAction Stop
        $up.Name | Should -Be "$buildProject-web-1"
        $detail = Get-ContainerDetail $up.Id -ErrorAction Stop
        $detail.Environment | Should -Contain 'TIER=base'
        $detail.Environment | Should -Contain 'ROLE=web'
        $built = Get-Image "$buildProject-web" -ErrorAction Stop
        $built.Id | Should -Be $detail.ImageId
        # Up again: the image exists, so no build and the same container.
        $again = Start-ComposeProject -ProjectName $buildProject -ErrorAction Stop
        $again.Id | Should -Be $up.Id
        (Get-Image "$buildProject-web").Id | Should -Be $built.Id
    }

    It 'Build-ComposeImage -PassThru rebuilds a changed context, and Start-ComposeProject recreates the container from it' {
        $before = (Get-ComposeContainer $buildProject web).Id
        Set-Content -LiteralPath (Join-Path $app 'src/version.txt') -Value '2'
        $image = Build-ComposeImage web -ProjectName $buildProject -PassThru -ErrorAction Stop
        $image.Reference | Should -Match "$buildProject-web:latest$"
        $after = Start-ComposeProject -ProjectName $buildProject -ErrorAction Stop
        $after.Id | Should -Not -Be $before
        (Get-ContainerDetail $after.Id).ImageId | Should -Be $image.Id
    }
}
