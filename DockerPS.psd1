# The module manifest. ModuleVersion is stamped from Directory.Build.props by the build (src/DockerPS.Module);
# the copy in out/DockerPS/<version>/ is the one to import.
@{
    RootModule           = 'DockerPS.dll'
    ModuleVersion        = '{{ModuleVersion}}'
    GUID                 = '5d7e2c1a-3f64-4b8e-9a0c-7b1e2f4d9c31'
    Author               = 'DockerPS contributors'
    CompanyName          = 'DockerPS'
    Copyright            = '(c) DockerPS contributors. MIT License.'
    Description          = 'Manage Docker engines from PowerShell: containers, images, networks and volumes as rich objects, over the Docker Engine API.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('DockerPS.Format.ps1xml', 'DockerPS.Inspect.Format.ps1xml')
    CmdletsToExport      = @(
        'Copy-ContainerItem'
        'Enter-Container'
        'Export-Container'
        'Get-Container'
        'Get-ContainerChange'
        'Get-ContainerLog'
        'Get-ContainerProcess'
        'Get-ContainerStatistic'
        'Get-DockerInfo'
        'Get-DockerVersion'
        'Get-DockerEvent'
        'Get-Image'
        'Invoke-ContainerCommand'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('Docker', 'Containers', 'Images', 'DockerEngine', 'Podman', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri = 'https://github.com/dockerps/DockerPS'
        }
    }
}
