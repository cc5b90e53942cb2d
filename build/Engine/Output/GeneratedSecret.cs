using System.Security.Cryptography;

namespace Mooc.Build;

/// <summary>A random secret, masked in every log line from the moment it exists.</summary>
public static class GeneratedSecret
{
    /// <summary>For a password a person may read aloud or type: no 0/O, 1/l/I.</summary>
    public const string Readable = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    public static string New(string characters, int length)
    {
        var secret = RandomNumberGenerator.GetString(characters, length);
        SecretMaskingWriter.Register(secret);
        return secret;
    }
}
