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

Describe 'Pause, run and push of a compose project in a script' {
    BeforeAll {
        $more = New-TestName 'cmore'
        $moreDir = Join-Path $TestDrive 'more'
        New-Item -ItemType Directory -Path $moreDir | Out-Null
        # job runs once and ends with the exit code it is given; it needs cache, which the run starts first.
        Set-Content -LiteralPath (Join-Path $moreDir 'compose.yaml') -Value @"
services:
  cache:
    image: $img
    pull_policy: never
    network_mode: none
    stop_signal: SIGKILL
    command: sleep 300
    labels:
      dockerps.pester: '$run'
  job:
    image: $img
    pull_policy: never
    network_mode: none
    depends_on: [cache]
    command: sh -c 'echo job default'
    labels:
      dockerps.pester: '$run'
"@
        Push-Location $moreDir
    }
    AfterAll {
        Remove-ComposeProject $more -Confirm:$false -ErrorAction SilentlyContinue
        Pop-Location
        Remove-TestContainers
    }

    It 'Invoke-ComposeService starts the dependency, writes the output and leaves the exit code in $LASTEXITCODE' {
        $lines = Invoke-ComposeService $more job sh '-c' 'echo one-off; exit 7' -Remove -ErrorAction Stop
        $lines.Text | Should -Be 'one-off'
        $LASTEXITCODE | Should -Be 7
        (Get-ComposeContainer $more).Name | Should -Be "$more-cache-1"
        # -Remove: the one-off container is gone; nothing of the run is left in the project.
        Get-Container -All -Label "com.docker.compose.project=$more", 'com.docker.compose.oneoff=True' | Should -BeNullOrEmpty
    }

    It 'a script stops at a failing one-off command through $LASTEXITCODE, as after a native command' {
        $r = Invoke-ChildPwsh -Script @"
Set-Location '$moreDir'
Invoke-ComposeService '$more' job -NoDeps -Remove -Raw
if (`$LASTEXITCODE -ne 0) { exit 2 }
Invoke-ComposeService '$more' job sh '-c' 'exit 5' -NoDeps -Remove
if (`$LASTEXITCODE -ne 0) { Write-Output "failed with `$LASTEXITCODE"; exit 1 }
'not reached'
"@
        # The whole output first, so a failure shows what the child wrote.
        ($r.Output -join "`n") | Should -Match 'failed with 5'
        $r.ExitCode | Should -Be 1
        $r.Output | Should -Contain 'failed with 5'
        # Podman's k8s-file log driver can lose the line of a writer that ends at once (README, Podman).
        if (-not $IsPodman) { $r.Output | Should -Contain 'job default' }
        $r.Output | Should -Not -Contain 'not reached'
    }

    It 'Suspend-ComposeProject pauses the project and Resume-ComposeProject lets it go on' {
        (Suspend-ComposeProject $more -PassThru -ErrorAction Stop).State | Should -Be 'paused'
        (Get-ContainerDetail "$more-cache-1").Paused | Should -BeTrue
        (Resume-ComposeProject $more -PassThru -ErrorAction Stop).State | Should -Be 'running'
        (Get-ContainerDetail "$more-cache-1").Paused | Should -BeFalse
    }

    It 'Publish-ComposeImage pushes the service image to a local registry, and Install-ComposeImage gets it back' -Skip:$IsPodman {
        # Podman: a registry on a random port cannot be marked insecure in registries.conf, so podman speaks https to it.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $regDir = Join-Path $TestDrive 'registry'
        New-Item -ItemType Directory -Path $regDir | Out-Null
        Set-Content -LiteralPath (Join-Path $regDir 'config.yml') -Value "version: 0.1`nlog:`n  level: warn`nstorage:`n  filesystem:`n    rootdirectory: $regDir/data`nhttp:`n  addr: 127.0.0.1:$port`n"
        $registry = Start-Process -FilePath docker-registry -ArgumentList 'serve', (Join-Path $regDir 'config.yml') -PassThru -RedirectStandardError (Join-Path $regDir 'err.txt') -RedirectStandardOutput (Join-Path $regDir 'out.txt')
        try {
            foreach ($try in 1..80) {
                try { Invoke-WebRequest "http://127.0.0.1:$port/v2/" -UseBasicParsing | Out-Null; break } catch { Start-Sleep -Milliseconds 250 }
            }
            $image = "127.0.0.1:${port}/dockerps-test/cmore-${run}:t1"
            Add-ImageTag $img $image -ErrorAction Stop
            $pushDir = Join-Path $TestDrive 'push'
            New-Item -ItemType Directory -Path $pushDir | Out-Null
            Set-Content -LiteralPath (Join-Path $pushDir 'compose.yaml') -Value "services:`n  api:`n    image: $image`n  worker:`n    image: $image`n"
            $pushed = Publish-ComposeImage -File (Join-Path $pushDir 'compose.yaml') -ErrorAction Stop
            @($pushed).Count | Should -Be 1
            $pushed.Reference | Should -Be $image
            Remove-Image $image -ErrorAction Stop | Out-Null
            (Install-ComposeImage -File (Join-Path $pushDir 'compose.yaml') -ErrorAction Stop).Reference | Should -Be $image
        }
        finally {
            Remove-Image $image -Force -ErrorAction SilentlyContinue | Out-Null
            Stop-Process -Id $registry.Id -ErrorAction SilentlyContinue
        }
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
