using System.Text.Encodings.Web;
using System.Text.Json;
using CommandCenter.Core.Events;

namespace CommandCenter.Cli.Simulate;

/// <summary>
/// Writes log entries as JSON lines, one envelope a line in the shape <c>cc produce --file</c> reads:
/// <c>{"id":…,"type":…,"occurredAt":…,"source":…,"street":…,"v":1,"data":{…}}</c>, the payload as the JSON object it is.
/// </summary>
internal sealed class JsonLinesWriter(Stream stream) : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Utf8JsonWriter _writer = new(stream, Options);

    public void Write(IReadOnlyDictionary<string, string> fields)
    {
        _writer.WriteStartObject();
        foreach (var name in EnvelopeFields.All)
        {
            var value = fields[name];
            if (name == EnvelopeFields.Data)
            {
                _writer.WritePropertyName(name);
                _writer.WriteRawValue(value, skipInputValidation: true); // written by EnvelopeWriter: already valid JSON
            }
            else if (name == EnvelopeFields.Version && int.TryParse(value, out var version))
                _writer.WriteNumber(name, version);
            else
                _writer.WriteString(name, value);
        }
        _writer.WriteEndObject();
        _writer.Flush();
        stream.WriteByte((byte)'\n');
        _writer.Reset();
    }

    public void Dispose() => _writer.Dispose();
}
