using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using DockerPS.Engine;
using DockerPS.Errors;
using DockerPS.Models;

namespace DockerPS.Commands.Container
{
    /// <summary>
    /// Lists the ports the engine published for containers (docker port): one object per binding, from what the engine
    /// reports for the container (NetworkSettings.Ports), so a stopped container has none, as with docker port.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ContainerPort", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(ContainerPort))]
    public sealed class GetContainerPortCommand : ContainerCmdlet
    {
        internal const string NotPublishedId = "ContainerPortNotPublished";
        internal const string InvalidPortId = ErrorIds.InvalidPortSpecification;

        private int? _port;
        private string _protocol = "tcp";

        /// <summary>Only this port inside the container: 80 (tcp) or 80/udp, as docker port takes it.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? PrivatePort { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (PrivatePort == null)
            {
                return;
            }

            string[] parts = PrivatePort.Split('/');
            ushort port = 0;
            if (parts.Length > 2 || !ushort.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out port) ||
                (parts.Length == 2 && !(parts[1] == "tcp" || parts[1] == "udp" || parts[1] == "sctp")))
            {
                ThrowTerminatingError(ErrorMapper.Record(
                    new ArgumentException($"'{PrivatePort}' is not a port: give a number from 0 to 65535, optionally with /tcp, /udp or /sctp (80, 53/udp)."),
                    InvalidPortId, ErrorCategory.InvalidArgument, PrivatePort));
            }

            _port = port;
            _protocol = parts.Length == 2 ? parts[1] : "tcp";
        }

        private protected override void ProcessContainer(ItemTarget target, IDockerEngine engine)
        {
            if (!TryCall(ct => engine.InspectContainerAsync(target.Reference, ct), "Container", target.UserInput, out DockerContainerDetail detail))
            {
                return;
            }

            var ports = detail.PublishedPorts
                .Where(p => _port == null || (p.ContainerPort == _port && p.Protocol == _protocol))
                .Select(p => new ContainerPort
                {
                    ContainerName = detail.Name,
                    ContainerId = detail.Id,
                    PrivatePort = p.ContainerPort,
                    Protocol = p.Protocol,
                    HostIp = p.HostIp ?? string.Empty,
                    HostPort = p.HostPort,
                    Engine = detail.Engine,
                })
                .OrderBy(p => p.PrivatePort).ThenBy(p => p.Protocol, StringComparer.Ordinal).ThenBy(p => p.HostAddress, StringComparer.Ordinal)
                .ToList();
            if (_port != null && ports.Count == 0)
            {
                string shown = target.UserInput is string s ? s : detail.Name;
                WriteError(ErrorMapper.Record(
                    new ItemNotFoundException($"No public port '{PrivatePort}' published for {shown}."), NotPublishedId, ErrorCategory.ObjectNotFound, target.UserInput));
                return;
            }

            WriteObject(ports, enumerateCollection: true);
        }
    }
}
