# Shared by the bench/*.ps1 scripts: timing, running an anchor process, and the one row format of bench/RESULTS.md:
# | area | case | DockerPS | median (min) | anchor | median (min) | ratio |   (ratio = DockerPS median / anchor median)

function Measure-Runs([scriptblock] $Action, [int] $Count, [int] $Warmup = 0) {
    for ($i = 0; $i -lt $Warmup; $i++) { & $Action | Out-Null }
    $times = [System.Collections.Generic.List[double]]::new()
    for ($i = 0; $i -lt $Count; $i++) {
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        & $Action | Out-Null
        $times.Add($sw.Elapsed.TotalMilliseconds)
    }
    Get-Stat $times
}

function Get-Stat($List) {
    $a = [double[]]@($List); [array]::Sort($a)
    $n = $a.Length
    $median = if ($n % 2) { $a[($n - 1) / 2] } else { ($a[$n / 2 - 1] + $a[$n / 2]) / 2 }
    [pscustomobject]@{ Min = $a[0]; Median = $median; Count = $n }
}

# Runs a program to its end, its output read and dropped (as a script capturing it would); throws on a non-zero exit.
function Invoke-Exe([string] $File, [string[]] $Arguments) {
    $psi = [System.Diagnostics.ProcessStartInfo]::new($File)
    foreach ($a in $Arguments) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $p = [System.Diagnostics.Process]::Start($psi)
    $err = $p.StandardError.ReadToEndAsync()
    $null = $p.StandardOutput.ReadToEnd()
    $p.WaitForExit()
    if ($p.ExitCode) { throw "$File $($Arguments -join ' ') exited with $($p.ExitCode): $($err.Result)" }
}

function Format-Time([double] $Ms) {
    if ($Ms -ge 10000) { '{0:N1} s' -f ($Ms / 1000) } elseif ($Ms -ge 1000) { '{0:N2} s' -f ($Ms / 1000) } elseif ($Ms -ge 10) { '{0:N0} ms' -f $Ms } else { '{0:N1} ms' -f $Ms }
}

function Format-Row([string] $Area, [string] $Case, [string] $What, $Stat, [string] $Anchor, $AnchorStat, [string] $Note = '') {
    $t = '{0} ({1})' -f (Format-Time $Stat.Median), (Format-Time $Stat.Min)
    if ($null -eq $AnchorStat) { return '| {0} | {1} | {2} | {3} | {4} | | {5} |' -f $Area, $Case, $What, $t, $Anchor, $Note }
    $a = '{0} ({1})' -f (Format-Time $AnchorStat.Median), (Format-Time $AnchorStat.Min)
    $ratio = '{0:N2}' -f ($Stat.Median / $AnchorStat.Median)
    if ($Note) { $ratio += ' ' + $Note }
    '| {0} | {1} | {2} | {3} | {4} | {5} | {6} |' -f $Area, $Case, $What, $t, $Anchor, $a, $ratio
}

# Peak resident memory of this process since the last Reset-PeakMemory (Linux: VmHWM, reset through clear_refs).
function Reset-PeakMemory { try { [IO.File]::WriteAllText('/proc/self/clear_refs', '5') } catch { } }
function Get-MemoryMB {
    foreach ($l in [IO.File]::ReadAllLines('/proc/self/status')) { if ($l.StartsWith('VmRSS:')) { return [math]::Round(([double]($l -replace '[^0-9]', '')) / 1024) } }
}
function Get-PeakMemoryMB {
    foreach ($l in [IO.File]::ReadAllLines('/proc/self/status')) { if ($l.StartsWith('VmHWM:')) { return [math]::Round(([double]($l -replace '[^0-9]', '')) / 1024) } }
}

# Appends a row to the file bench/run collects ($env:BENCH_ROWS; the console host would wrap long lines) and prints it.
function Add-Row([string] $Row) {
    if ($env:BENCH_ROWS) { [IO.File]::AppendAllText($env:BENCH_ROWS, $Row + "`n") }
    $Row
}
