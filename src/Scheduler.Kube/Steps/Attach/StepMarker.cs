using System.Security.Cryptography;
using System.Text;

namespace Scheduler.Kube.Steps.Attach;

/// <summary>
/// The end-of-step line the attached shell prints after each step: <c>{prefix}{exit code}\n</c>, where the prefix holds a
/// random per-session nonce and the step's sequence number, so no output can fake it and no old marker is mistaken for a new one.
/// </summary>
public sealed record StepMarker(string Nonce, int Sequence)
{
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string Prefix => $"__sched_step_end_{Nonce}_{Sequence}:";

    public byte[] PrefixBytes => Encoding.ASCII.GetBytes(Prefix);
}
