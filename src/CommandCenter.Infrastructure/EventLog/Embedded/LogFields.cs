using System.Text.Encodings.Web;
using System.Text.Json;

namespace CommandCenter.Infrastructure.EventLog.Embedded;

/// <summary>How the embedded log stores an entry's fields: one JSON object of strings per row.</summary>
internal static class LogFields
{
    // The text goes to the database, never to a page, so Chinese text is kept as is rather than \u-escaped.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(IReadOnlyDictionary<string, string> fields) => JsonSerializer.Serialize(fields, Options);

    public static IReadOnlyDictionary<string, string> Deserialize(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json, Options) ?? [];
}
