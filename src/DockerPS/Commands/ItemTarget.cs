namespace DockerPS.Commands
{
    /// <summary>One container, image, network or volume a cmdlet acts on: what the user gave, and its engine.</summary>
    internal sealed class ItemTarget
    {
        public ItemTarget(string reference, string? engine, object userInput)
        {
            Reference = reference;
            Engine = engine;
            UserInput = userInput;
        }

        /// <summary>An id, name or reference, as the engine resolves it.</summary>
        public string Reference { get; }

        /// <summary>The engine of a piped object; null to resolve from -Host or the environment.</summary>
        public string? Engine { get; }

        /// <summary>What the user gave (a name, an id, a piped object): the TargetObject of errors.</summary>
        public object UserInput { get; }

        public override string ToString() => Reference;
    }
}
