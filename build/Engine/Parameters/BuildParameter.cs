using System.Reflection;
using System.Text;

namespace Mooc.Build;

/// <summary>One [Parameter] member of the build, its names in every source, and where its value came from.</summary>
public sealed class BuildParameter
{
    internal BuildParameter(MemberInfo member, ParameterAttribute attribute, object? defaultValue)
    {
        Member = member;
        Description = attribute.Description;
        Name = attribute.Name ?? Kebab(member.Name);
        IsSecret = member.GetCustomAttribute<SecretAttribute>() is not null;
        IsRemembered = member.GetCustomAttribute<RememberedAttribute>() is not null;
        IsSettingsKey = member.GetCustomAttribute<SettingsKeyAttribute>() is not null;
        if (IsRemembered && IsSecret)
            throw new BuildException($"{member.Name} is [Secret] and [Remembered]: a secret is never written to the saved settings; remove [Remembered].");
        DefaultValue = defaultValue;
        Rules = member.GetCustomAttributes<ParameterRuleAttribute>().ToList();
    }

    public MemberInfo Member { get; }
    public string MemberName => Member.Name;
    public string Name { get; }
    public string Option => "--" + Name;
    public string EnvironmentVariable => Name.Replace('-', '_').ToUpperInvariant();
    public string Description { get; }
    public bool IsSecret { get; }

    /// <summary>Saved with the deployment (the [SettingsKey] parameter's value) and read back by later runs naming it.</summary>
    public bool IsRemembered { get; }

    public bool IsSettingsKey { get; }
    public object? DefaultValue { get; }

    /// <summary>The checks declared beside the parameter ([AtLeast(1)], [DnsLabel], ...).</summary>
    public IReadOnlyList<ParameterRuleAttribute> Rules { get; }

    /// <summary>What the rules allow, for --help: "1 to 65535", or empty.</summary>
    public string Allowed => string.Join("; ", Rules.Select(r => r.Allowed));
    public string Source { get; internal set; } = "default";

    public Type Type => Member switch
    {
        FieldInfo f => f.FieldType,
        PropertyInfo p => p.PropertyType,
        _ => throw new InvalidOperationException(Member.Name),
    };

    public string TypeName
    {
        get
        {
            var type = Nullable.GetUnderlyingType(Type) ?? Type;
            return type.IsEnum ? string.Join("|", Enum.GetNames(type))
                : type == typeof(string[]) ? "list"
                : type == typeof(TimeSpan) ? "duration"
                : type == typeof(int) ? "int"
                : type == typeof(double) ? "number"
                : type.Name.ToLowerInvariant();
        }
    }

    public object? GetValue(object build) => Member switch
    {
        FieldInfo f => f.GetValue(build),
        PropertyInfo p => p.GetValue(build),
        _ => null,
    };

    internal void SetValue(object build, object? value)
    {
        switch (Member)
        {
            case FieldInfo f: f.SetValue(build, value); break;
            case PropertyInfo p: p.SetValue(build, value); break;
        }
    }

    /// <summary>What --help shows: secrets as ***** when set.</summary>
    public string Display(object? value) => IsSecret && value is not null ? "*****" : ValueConverter.Format(value);

    static string Kebab(string member)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < member.Length; i++)
        {
            var c = member[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(member[i - 1]) || (i + 1 < member.Length && char.IsLower(member[i + 1]))))
                builder.Append('-');
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString().TrimStart('_');
    }
}
