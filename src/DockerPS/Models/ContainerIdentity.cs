namespace DockerPS.Models
{
    /// <summary>Who a container is: enough to label output and to know how its streams are framed.</summary>
    public sealed class ContainerIdentity
    {
        public string Id { get; set; } = string.Empty;

        /// <summary>The name, without docker's leading '/'.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>Whether the container has a TTY: its log and attach streams are then one raw stream.</summary>
        public bool Tty { get; set; }

        public bool Running { get; set; }

        public bool OpenStdin { get; set; }

        public string Engine { get; set; } = string.Empty;

        public override string ToString() => Name.Length > 0 ? Name : Id;
    }
}
