using System.Threading;
using System.Threading.Tasks;
using DockerPS.Models;

namespace DockerPS.Engine
{
    /// <summary>The container lifecycle. References are ids, id prefixes or names, as the engine resolves them.</summary>
    internal partial interface IDockerEngine
    {
        Task<DockerContainerDetail> InspectContainerAsync(string reference, CancellationToken cancellationToken);

        Task<ContainerCreated> CreateContainerAsync(ContainerCreateSpec spec, CancellationToken cancellationToken);

        /// <summary>Starts a container; false when it was already running.</summary>
        Task<bool> StartContainerAsync(string reference, CancellationToken cancellationToken);

        /// <summary>Stops a container (signal, then SIGKILL after the timeout); false when it was not running.</summary>
        Task<bool> StopContainerAsync(string reference, int? timeoutSeconds, string? signal, CancellationToken cancellationToken);

        Task KillContainerAsync(string reference, string? signal, CancellationToken cancellationToken);

        Task RestartContainerAsync(string reference, int? timeoutSeconds, CancellationToken cancellationToken);

        Task PauseContainerAsync(string reference, CancellationToken cancellationToken);

        Task UnpauseContainerAsync(string reference, CancellationToken cancellationToken);

        Task RemoveContainerAsync(string reference, bool force, bool volumes, CancellationToken cancellationToken);

        /// <summary>Waits until the container stops and returns its exit code.</summary>
        Task<long> WaitContainerAsync(string reference, CancellationToken cancellationToken);

        Task RenameContainerAsync(string reference, string newName, CancellationToken cancellationToken);

        /// <summary>Changes resources and the restart policy; returns the engine's warnings.</summary>
        Task<string[]> UpdateContainerAsync(string reference, ContainerUpdateSpec update, CancellationToken cancellationToken);

        /// <summary>The whole stdout and stderr of a container that has ended (what docker run prints).</summary>
        Task<(string Stdout, string Stderr)> ReadContainerOutputAsync(string reference, CancellationToken cancellationToken);
    }
}
