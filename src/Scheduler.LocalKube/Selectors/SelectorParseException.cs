namespace Scheduler.LocalKube.Selectors;

/// <summary>A label or field selector that does not parse; the API answers 400.</summary>
public sealed class SelectorParseException(string message) : FormatException(message);
