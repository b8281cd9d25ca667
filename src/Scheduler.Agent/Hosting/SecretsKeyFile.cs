using System.Security.Cryptography;
using Scheduler.Domain.Config;

namespace Scheduler.Agent.Hosting;

/// <summary>
/// The key that seals task secrets in the journal: <c>storage.secretsKey</c> when set (required on PostgreSQL, where
/// every replica needs the same key), otherwise the embedded single replica's own random key in
/// <c>&lt;dataDirectory&gt;/secrets.key</c>, created on first start with mode 0600 and reused after. Losing that file
/// makes the stored secrets of unfinished jobs unreadable, so it lives beside the journal it belongs to.
/// </summary>
public static class SecretsKeyFile
{
    public const string FileName = "secrets.key";

    public static byte[] Resolve(StorageOptions options, StorageLayout layout) =>
        options.SecretsKeyValue() ?? LoadOrCreate(Path.Combine(layout.DataDirectory, FileName));

    private static byte[] LoadOrCreate(string path)
    {
        if (!File.Exists(path))
            TryCreate(path);
        var stored = new StorageOptions { SecretsKey = File.ReadAllText(path) };
        return stored.SecretsKeyValue()
            ?? throw new AgentConfigException($"{path}: not a secrets key ({StorageOptions.SecretsKeyBytes} bytes in base64); restore it from a backup, or set storage.secretsKey to the key it held");
    }

    /// <summary>Writes a new key under a temporary name and moves it in place, so a crash never leaves a half-written key.</summary>
    private static void TryCreate(string path)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(StorageOptions.SecretsKeyBytes));
        var owner = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            owner.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(temporary, owner))
        using (var writer = new StreamWriter(file))
            writer.Write(key);
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary); // another start created it first; use that one
        }
    }
}
