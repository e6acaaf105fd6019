# The module manifest. ModuleVersion is stamped from Directory.Build.props by the build (src/DockerPS.Module);
# the copy in out/DockerPS/<version>/ is the one to import.
@{
    RootModule           = 'DockerPS.dll'
    ModuleVersion        = '{{ModuleVersion}}'
    GUID                 = '5d7e2c1a-3f64-4b8e-9a0c-7b1e2f4d9c31'
    Author               = 'DockerPS contributors'
    CompanyName          = 'DockerPS'
    Copyright            = '(c) 2026 DockerPS contributors. MIT License.'
    Description          = 'Manage Docker engines from PowerShell: containers, images, networks and volumes as rich objects, over the Docker Engine API.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @(
        'DockerPS.Format.ps1xml'
        'DockerPS.Containers.Format.ps1xml'
        'DockerPS.Networks.Format.ps1xml'
        'DockerPS.System.Format.ps1xml'
        'DockerPS.Images.Format.ps1xml'
        'DockerPS.Inspect.Format.ps1xml'
    )
    CmdletsToExport      = @(
        'Add-ImageTag'
        'Build-Image'
        'Connect-ContainerNetwork'
        'Connect-DockerRegistry'
        'Copy-ContainerItem'
        'Disconnect-ContainerNetwork'
        'Disconnect-DockerRegistry'
        'Enter-Container'
        'Export-Container'
        'Get-Container'
        'Get-ContainerChange'
        'Get-ContainerDetail'
        'Get-ContainerLog'
        'Get-ContainerNetwork'
        'Get-ContainerProcess'
        'Get-ContainerStatistic'
        'Get-ContainerVolume'
        'Get-DockerContext'
        'Get-DockerDiskUsage'
        'Get-DockerEvent'
        'Get-DockerInfo'
        'Get-DockerVersion'
        'Get-Image'
        'Get-ImageDetail'
        'Get-ImageHistory'
        'Import-Image'
        'Install-Image'
        'Invoke-Container'
        'Invoke-ContainerCommand'
        'Invoke-ContainerNetworkPrune'
        'Invoke-ContainerVolumePrune'
        'Invoke-DockerPrune'
        'Invoke-ImagePrune'
        'New-Container'
        'New-ContainerNetwork'
        'New-ContainerVolume'
        'New-Image'
        'Publish-Image'
        'Remove-Container'
        'Remove-ContainerNetwork'
        'Remove-ContainerVolume'
        'Remove-Image'
        'Rename-Container'
        'Restart-Container'
        'Resume-Container'
        'Save-Image'
        'Start-Container'
        'Stop-Container'
        'Suspend-Container'
        'Update-Container'
        'Use-DockerContext'
        'Wait-Container'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('Docker', 'Containers', 'Images', 'DockerEngine', 'Podman', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/dockerps/DockerPS'
            LicenseUri   = 'https://github.com/dockerps/DockerPS/blob/main/LICENSE'
            ReleaseNotes = @'
0.1.0: the first release. Binary cmdlets over the Docker Engine API for containers, images, networks, volumes,
contexts, registries and engine-wide information, returning typed objects; any engine by -Host (unix, npipe, tcp,
TLS), several at once; help for every cmdlet and about_DockerPS. Loads in Windows PowerShell 5.1 and PowerShell 7.4+.
Not on the PowerShell Gallery (the name DockerPS is taken there): install from an internal repository or file share.
'@
        }
    }
}
