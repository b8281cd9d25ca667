using System.Security.Cryptography;
using System.Text;

namespace Scheduler.Kube.Steps.Detached;

/// <summary>
/// The line an in-pod step script prints last: <c>{prefix}{payload}\n</c>. The prefix holds a random nonce, fresh for
/// every script run, so no step output can fake it and no marker of an earlier run is mistaken for this one's.
/// </summary>
public sealed record StepMarker(string Nonce)
{
    public static StepMarker New() => new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    public string Prefix => $"__sched_{Nonce}:";

    public byte[] PrefixBytes => Encoding.ASCII.GetBytes(Prefix);
}
