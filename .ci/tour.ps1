# A five-minute tour of DockerPS (run by .ci/tour with the module imported; the rootfs tar is busybox-static).
param([Parameter(Mandatory)] [string] $RootFileSystem)
$ErrorActionPreference = 'Stop'
$saved = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'dockerps-tour.tar')

try {
    "`n# Which engine, which API version (docker version):"
    Get-DockerVersion | ForEach-Object { "engine $($_.Version) on $($_.Os)/$($_.Arch), API $($_.ClientApiVersion) negotiated, at $($_.Engine)" }

    "`n# An image from a root filesystem tar (docker import):"
    Import-Image -RootFileSystem $RootFileSystem -Repository dockerps/tour:1 -Change 'ENV PATH=/bin' | Out-Host

    "`n# Run a command (docker run --rm): its lines stream as it writes them, with the stream and the time"
    Invoke-Container dockerps/tour:1 sh '-c' 'echo hello from the container; echo a warning >&2' -Network none -Remove -Pull never | Out-Host

    "`n# Or to the end as one object: stdout, stderr and the exit code"
    $run = Invoke-Container dockerps/tour:1 sh '-c' 'echo hello from the container; echo a warning >&2; exit 3' -Network none -Remove -Pull never -AsResult
    "stdout: $($run.Stdout.Trim())   stderr: $($run.Stderr.Trim())   exit code: $($run.ExitCode)   `$LASTEXITCODE: $LASTEXITCODE"

    "`n# A long-running container (docker run -d), shown like docker ps:"
    Invoke-Container dockerps/tour:1 sh '-c' 'while true; do echo tick; sleep 1; done' -Name dockerps-tour-web -Network none -Pull never -Detach -Label tour=1 | Out-Host

    "`n# Logs are objects with the stream and the time:"
    [Threading.Thread]::Sleep(1500)
    Get-ContainerLog dockerps-tour-web -Tail 2 | ForEach-Object { '{0:HH:mm:ss} {1} {2}' -f $_.Time, $_.Stream, $_.Text }

    "`n# Exec (docker exec), with the exit code kept:"
    Invoke-ContainerCommand dockerps-tour-web -Command cat, /etc/passwd -AsText
    Invoke-ContainerCommand dockerps-tour-web -Command sh, -c, 'exit 4' | ForEach-Object { "exit code $($_.ExitCode)" }

    "`n# Inspect is typed (docker inspect):"
    Get-ContainerDetail dockerps-tour-web | ForEach-Object { "$($_.Name): $($_.State) since $($_.StartedAt), network $($_.NetworkMode), restart policy $($_.RestartPolicy)" }

    "`n# Save the image to one tar, streamed and written atomically (docker save):"
    Get-Image dockerps/tour:1 | Save-Image -Path $saved -Force | ForEach-Object { "wrote $($_.Name): $($_.Length) bytes" }

    "`n# Errors are PowerShell errors, one per missing item, and the pipeline goes on:"
    'dockerps-tour-web', 'no-such-container' | Get-Container -ErrorAction SilentlyContinue -ErrorVariable missing | ForEach-Object { "found $($_.Name)" }
    $missing | ForEach-Object { "error $($_.FullyQualifiedErrorId) for '$($_.TargetObject)'" }

    "`n# The lifecycle composes: stop and remove what the tour started, in one pipeline:"
    Get-Container -Label tour=1 | Stop-Container -Timeout 1 -PassThru | Remove-Container
    Get-Container -All -Label tour=1 | ForEach-Object { "left over: $($_.Name)" }
    "containers with label tour=1 left: $(@(Get-Container -All -Label tour=1).Count)"
}
finally {
    Get-Container -All -Label tour=1 -ErrorAction SilentlyContinue | Remove-Container -Force -ErrorAction SilentlyContinue
    Get-Image dockerps/tour:1 -ErrorAction SilentlyContinue | Remove-Image -Force -ErrorAction SilentlyContinue | Out-Null
    if ([IO.File]::Exists($saved)) { [IO.File]::Delete($saved) }
}
"`nDone: see README.md for the cmdlet map, and Get-Help about_DockerPS."
