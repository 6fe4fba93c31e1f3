using System.Text;
using System.Text.Json;
using System.Xml;

namespace CommandCenter.Web.Open311;

/// <summary>The XML element names of one Open311 response: the collection and each of its items.</summary>
public sealed record Open311XmlRoot(string Collection, string Item)
{
    public static readonly Open311XmlRoot Services = new("services", "service");
    public static readonly Open311XmlRoot Requests = new("service_requests", "request");
    public static readonly Open311XmlRoot Errors = new("errors", "error");
    /// <summary>A service definition is one object, not a collection: its element is <c>service_definition</c>.</summary>
    public static readonly Open311XmlRoot ServiceDefinition = new("service_definition", "");
}

/// <summary>
/// GeoReport v2's XML format, written from the same values as its JSON (the spec gives each response in both):
/// a collection is <c>&lt;services&gt;&lt;service&gt;…</c>, <c>&lt;service_requests&gt;&lt;request&gt;…</c> or
/// <c>&lt;errors&gt;&lt;error&gt;…</c>; each JSON member becomes an element of the same name; null becomes an empty
/// element (<c>&lt;account_id /&gt;</c>, as the spec's examples write it); a nested array becomes a list element whose
/// items take the singular name (<c>attributes/attribute</c>, <c>values/value</c>). Characters XML 1.0 cannot carry
/// (control characters, lone surrogates) are written as U+FFFD rather than failing the response.
/// </summary>
public static class Open311Xml
{
    public const string ContentType = "text/xml; charset=utf-8";

    private static readonly Dictionary<string, string> Singular = new(StringComparer.Ordinal)
    {
        ["attributes"] = "attribute",
        ["values"] = "value",
    };

    /// <summary>Whether the request asked for XML: its path ends in <c>.xml</c>.</summary>
    public static bool Wanted(HttpRequest request) => request.Path.Value?.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) == true;

    public static string Write(object? value, Open311XmlRoot root)
    {
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(value, Open311Endpoints.Json));
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8, OmitXmlDeclaration = true }))
        {
            xml.WriteStartElement(root.Collection);
            if (doc.RootElement.ValueKind == JsonValueKind.Array)
                foreach (var item in doc.RootElement.EnumerateArray())
                    Element(xml, root.Item, item);
            else
                Members(xml, doc.RootElement);
            xml.WriteEndElement();
        }
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + text;
    }

    private static void Element(XmlWriter xml, string name, JsonElement value)
    {
        xml.WriteStartElement(name);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                Members(xml, value);
                break;
            case JsonValueKind.Array:
                var item = Singular.GetValueOrDefault(name, "item");
                foreach (var element in value.EnumerateArray()) Element(xml, item, element);
                break;
            case JsonValueKind.String:
                xml.WriteString(Clean(value.GetString()!));
                break;
            case JsonValueKind.True or JsonValueKind.False:
                xml.WriteString(value.GetBoolean() ? "true" : "false");
                break;
            case JsonValueKind.Number:
                xml.WriteString(value.GetRawText());
                break;
        }
        xml.WriteEndElement();
    }

    private static void Members(XmlWriter xml, JsonElement value)
    {
        foreach (var member in value.EnumerateObject()) Element(xml, member.Name, member.Value);
    }

    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
                continue;
            }
            clean.Append(XmlConvert.IsXmlChar(c) ? c : '\uFFFD');
        }
        return clean.ToString();
    }
}

/// <summary>
/// Answers in the format the path asks for: the handlers return their JSON value; for a <c>.xml</c> path this filter
/// writes the same value as XML (<see cref="Open311Xml"/>), errors as <c>&lt;errors&gt;</c>, with the same status.
/// </summary>
internal sealed class Open311FormatFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        if (!Open311Xml.Wanted(http.Request) || result is not (IValueHttpResult valued and IStatusCodeHttpResult status))
            return result;
        var code = status.StatusCode ?? StatusCodes.Status200OK;
        var root = code >= 400 ? Open311XmlRoot.Errors
            : http.GetEndpoint()?.Metadata.GetMetadata<Open311XmlRoot>() ?? Open311XmlRoot.Requests;
        return Results.Text(Open311Xml.Write(valued.Value, root), Open311Xml.ContentType, Encoding.UTF8, code);
    }
}
