namespace Scheduler.Cli.Pbm;

public sealed class ConsoleUnreachableException(string message) : Exception(message);
