using Microsoft.Extensions.Hosting;

namespace Scheduler.Agent.Hosting;

/// <summary>
/// The agent runs inside the <c>sched</c> CLI (or a test), which owns Ctrl-C and SIGTERM: it cancels the job
/// and disposes the host itself. The default console lifetime would stop the host under the CLI's feet.
/// </summary>
public sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
