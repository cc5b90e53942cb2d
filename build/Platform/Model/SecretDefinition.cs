namespace Mooc.Platform.Model;

/// <summary>A secret generated per deployment: never written in a platform file, a manifest or a log.</summary>
public sealed record SecretDefinition(string Name, int Length, SecretAlphabet Alphabet)
{
    /// <summary>The characters a generated value is drawn from.</summary>
    public string Characters => Alphabet switch
    {
        SecretAlphabet.Alphanumeric => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        SecretAlphabet.Hex => "0123456789abcdef",
        SecretAlphabet.UrlSafe => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
        _ => throw new ArgumentOutOfRangeException(nameof(Alphabet), Alphabet, null),
    };
}

public enum SecretAlphabet
{
    Alphanumeric,
    Hex,
    UrlSafe,
}
