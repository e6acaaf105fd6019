# Sourced by the .ci scripts: make sure `pwsh` is on PATH. A pwsh already there is used as it is; otherwise the one
# pinned in .config/dotnet-tools.json (PowerShell 7.6.9) is restored with `dotnet tool restore` and its own launcher is
# linked into out/tools/, which goes first on PATH, so child processes (`pwsh -File` in tests) find it by name too.
ensure_pwsh() {
  if command -v pwsh >/dev/null 2>&1; then return 0; fi
  local root; root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  local version; version=$(sed -nE '/"powershell"/,/}/s/.*"version": *"([^"]+)".*/\1/p' "$root/.config/dotnet-tools.json")
  echo "pwsh: none on PATH; using PowerShell $version pinned in .config/dotnet-tools.json (dotnet tool restore)" >&2
  (cd "$root" && dotnet tool restore >/dev/null) || { echo "pwsh: dotnet tool restore failed" >&2; return 1; }
  local pkgs="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
  local exe; exe=$(ls -d "$pkgs"/powershell/"$version"/tools/net*/any/unix/pwsh 2>/dev/null | tail -n 1)
  [[ -x "$exe" ]] || { echo "pwsh: the restored PowerShell $version has no launcher under $pkgs/powershell/$version" >&2; return 1; }
  mkdir -p "$root/out/tools"
  ln -sf "$exe" "$root/out/tools/pwsh"
  export PATH="$root/out/tools:$PATH"
}
ensure_pwsh
