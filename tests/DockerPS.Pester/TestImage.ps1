# The Pester suite's shared fixture: one busybox-static image, imported with DockerPS's own Import-Image, and helpers
# every test file uses. Dot-sourced by Run.ps1 and by each test file's BeforeAll (through Common.ps1).

function New-DpsTestImage {
    Import-Module $env:DOCKERPS_MANIFEST
    # Fail loudly when no engine answers: these tests need a real one.
    $version = Get-DockerVersion -ErrorAction Stop
    $busybox = @('/bin/busybox', '/usr/bin/busybox') | Where-Object { Test-Path $_ } | Select-Object -First 1
    if (-not $busybox) { throw 'busybox-static is not installed (apt-get install busybox-static; bash .ci/engine does it).' }
    $run = [guid]::NewGuid().ToString('N').Substring(0, 8)
    # localhost/ keeps Podman from qualifying the name with docker.io; Docker accepts it as a plain local name.
    $image = "localhost/dockerps-pester/busybox:$run"
    $tar = Join-Path ([IO.Path]::GetTempPath()) "dps-pester-$run.tar"
    $stream = [IO.File]::Create($tar)
    try {
        $writer = [System.Formats.Tar.TarWriter]::new($stream, [System.Formats.Tar.TarEntryFormat]::Pax, $false)
        foreach ($dir in 'bin', 'etc', 'tmp') {
            $entry = [System.Formats.Tar.PaxTarEntry]::new([System.Formats.Tar.TarEntryType]::Directory, "$dir/")
            $entry.Mode = [IO.UnixFileMode]'UserRead, UserWrite, UserExecute, GroupRead, GroupExecute, OtherRead, OtherExecute'
            $writer.WriteEntry($entry)
        }
        $writer.WriteEntry($busybox, 'bin/busybox')
        foreach ($applet in 'sh', 'sleep', 'echo', 'cat', 'ls', 'true', 'false', 'date', 'hostname', 'yes', 'seq', 'head', 'top', 'mkdir', 'touch') {
            $link = [System.Formats.Tar.PaxTarEntry]::new([System.Formats.Tar.TarEntryType]::SymbolicLink, "bin/$applet")
            $link.LinkName = 'busybox'
            $writer.WriteEntry($link)
        }
        $passwd = [System.Formats.Tar.PaxTarEntry]::new([System.Formats.Tar.TarEntryType]::RegularFile, 'etc/passwd')
        $passwd.DataStream = [IO.MemoryStream]::new([Text.Encoding]::ASCII.GetBytes("root:x:0:0:root:/root:/bin/sh`n"))
        $writer.WriteEntry($passwd)
        $writer.Dispose()
    }
    finally { $stream.Dispose() }
    try {
        Import-Image -RootFileSystem $tar -Repository $image -Change 'ENV PATH=/bin' -ErrorAction Stop | Out-Null
    }
    finally { Remove-Item $tar -ErrorAction SilentlyContinue }
    Write-Host "pester: engine $($version.Version) at $($version.Engine); test image $image"
    $image
}

function Remove-DpsTestImage([string] $Image) {
    if (-not $Image) { return }
    Import-Module $env:DOCKERPS_MANIFEST
    Get-Container -All -Label "dockerps.pester=$($Image.Split(':')[-1])" -ErrorAction SilentlyContinue |
        Remove-Container -Force -ErrorAction SilentlyContinue
    Get-Image $Image -ErrorAction SilentlyContinue | Remove-Image -Force -ErrorAction SilentlyContinue | Out-Null
}
