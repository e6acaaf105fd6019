using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Container
{
    /// <summary>Small reads the container cmdlets share.</summary>
    internal static class ContainerQueries
    {
        /// <summary>The container as Get-Container lists it, by full id or name; 404 when it is gone.</summary>
        internal static async Task<DockerContainer> ByIdAsync(IDockerEngine engine, string idOrName, CancellationToken cancellationToken)
        {
            var query = new ContainerListQuery { All = true };
            query.Filters["id"] = new List<string> { idOrName };
            IReadOnlyList<DockerContainer> found = await engine.ListContainersAsync(query, cancellationToken).ConfigureAwait(false);
            DockerContainer? match = found.FirstOrDefault(c => c.Id == idOrName) ?? found.FirstOrDefault();
            if (match == null)
            {
                // A name, or an id the list filter did not match: inspect resolves both the way the engine does.
                DockerContainerDetail detail = await engine.InspectContainerAsync(idOrName, cancellationToken).ConfigureAwait(false);
                query.Filters["id"] = new List<string> { detail.Id };
                match = (await engine.ListContainersAsync(query, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            }

            return match ?? throw new DockerEngineException(404, "No such container: " + idOrName, engine.Endpoint.Address);
        }
    }
}
