# A five-minute tour of DockerPS (run by .ci/tour, with the module imported).
$ErrorActionPreference = 'Stop'

"`n# Which engine, which API version (docker version):"
Get-DockerVersion | ForEach-Object { "engine $($_.Version) on $($_.Os)/$($_.Arch), API $($_.ClientApiVersion) negotiated, at $($_.Engine)" }

"`n# Running containers, shown like docker ps:"
Get-Container | Out-Host

"`n# All containers of the tour (docker ps -a --filter label=dockerps.tour=1):"
Get-Container -All -Label 'dockerps.tour=1' | Out-Host

"`n# Objects, not text: exited containers and their exit status"
Get-Container -Status exited -Label 'dockerps.tour=1' | ForEach-Object { '{0} exited: {1}' -f $_.Name, $_.Status }

"`n# Images, shown like docker images:"
Get-Image 'dockerps/*' | Out-Host

"`n# Sizes are numbers; views only make them readable:"
Get-Image 'dockerps/tour:1' | ForEach-Object { '{0} is {1:N0} bytes, created {2:u}' -f $_.Reference, $_.Size, $_.Created }

"`n# Errors are PowerShell errors, one per missing item, and the pipeline goes on:"
Get-Container -Name 'dockerps-tour-web', 'no-such-container' -ErrorAction SilentlyContinue -ErrorVariable missing | ForEach-Object { "found $($_.Name)" }
$missing | ForEach-Object { "error $($_.FullyQualifiedErrorId) for '$($_.TargetObject)'" }

"`n# The engine itself (docker info):"
Get-DockerInfo | ForEach-Object { '{0}: {1} containers ({2} running), {3} images, {4} CPUs, storage {5}' -f $_.Name, $_.Containers, $_.ContainersRunning, $_.Images, $_.Cpus, $_.StorageDriver }
