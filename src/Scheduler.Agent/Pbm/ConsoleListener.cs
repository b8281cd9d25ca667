using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scheduler.Domain.Config;

namespace Scheduler.Agent.Pbm;

/// <summary>
/// The replica's console listener (<c>console.host:port</c>): accepts TCP connections and serves each one
/// request (<see cref="ConsoleConnection"/>). Runs as a hosted service after the actor system has started.
/// </summary>
public sealed class ConsoleListener(ConsoleOptions options, ConsoleToken token, ConsoleDispatcher dispatcher, ILogger<ConsoleListener> log)
    : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;

    /// <summary>Where it listens (the real port when <c>console.port</c> is 0); null before start.</summary>
    public IPEndPoint? Endpoint { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var listener = new TcpListener(options.Address()!, options.Port);
        try
        {
            listener.Start();
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException($"the console cannot listen on {options.Host}:{options.Port} ({e.Message}); set console.port, or console.enabled = false", e);
        }
        _listener = listener;
        Endpoint = (IPEndPoint)listener.LocalEndpoint;
        _accepting = AcceptAsync(listener, _stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        _listener?.Stop();
        await _accepting;
        await Task.WhenAll(_connections.Keys);
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            var connection = new ConsoleConnection(client, token, dispatcher, log).ServeAsync(ct);
            _connections[connection] = true;
            _ = connection.ContinueWith(done => _connections.TryRemove(done, out _), TaskScheduler.Default);
        }
    }
}
