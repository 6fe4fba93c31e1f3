using System.Net;
using System.Xml.Linq;

namespace CommandCenter.Web.Tests.Open311;

/// <summary>Service definitions and the XML format, checked against the shapes of the GeoReport v2 specification's examples.</summary>
public sealed class Open311FormatTests
{
    [Fact]
    public async Task ServiceDefinition_Json_HasTheSpecFieldsAndTheStreetList()
    {
        await using var bed = await Open311Bed.StartAsync();

        using var response = await bed.GetAsync("services/noise.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var definition = await Open311Bed.JsonAsync(response);
        Assert.Equal("noise", definition.GetProperty("service_code").GetString());
        var street = definition.GetProperty("attributes")[0];
        Assert.Equal(["variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"],
            street.EnumerateObject().Select(p => p.Name));
        Assert.Equal("singlevaluelist", street.GetProperty("datatype").GetString());
        Assert.False(street.GetProperty("required").GetBoolean());
        Assert.Equal(13, street.GetProperty("values").GetArrayLength());
        Assert.Equal("ninghailu", street.GetProperty("values")[0].GetProperty("key").GetString());
    }

    [Fact]
    public async Task ServiceDefinition_Xml_NestsAttributesAndValuesAsTheSpecDoes()
    {
        await using var bed = await Open311Bed.StartAsync();

        using var response = await bed.GetAsync("services/noise.xml");

        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("service_definition", root.Name.LocalName);
        Assert.Equal("noise", root.Element("service_code")?.Value);
        var attribute = root.Element("attributes")!.Elements("attribute").First();
        Assert.Equal("street", attribute.Element("code")?.Value);
        Assert.Equal("true", attribute.Element("variable")?.Value);
        Assert.Equal(13, attribute.Element("values")!.Elements("value").Count());
        Assert.Equal("ninghailu", attribute.Element("values")!.Element("value")!.Element("key")?.Value);
    }

    [Fact]
    public async Task Services_Xml_ListsEveryServiceWithTheSpecElements()
    {
        await using var bed = await Open311Bed.StartAsync();

        using var response = await bed.GetAsync("services.xml");

        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("services", root.Name.LocalName);
        var service = root.Elements("service").First();
        Assert.Equal(["service_code", "service_name", "description", "metadata", "type", "keywords", "group"], service.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(12, root.Elements("service").Count());
    }

    [Theory]
    [InlineData("services/potholes.xml", HttpStatusCode.NotFound, "potholes")]
    [InlineData("requests/nope.xml", HttpStatusCode.NotFound, "not found")]
    [InlineData("discovery.xml", HttpStatusCode.NotFound, "no such")]
    public async Task Errors_Xml_AreTheSpecErrorsElement(string path, HttpStatusCode status, string words)
    {
        await using var bed = await Open311Bed.StartAsync();

        using var response = await bed.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        var error = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("errors", error.Name.LocalName);
        Assert.Equal(((int)status).ToString(), error.Element("error")?.Element("code")?.Value);
        Assert.Contains(words, error.Element("error")?.Element("description")?.Value);
    }

    [Fact]
    public async Task NoKey_Xml_Is401InXml()
    {
        await using var bed = await Open311Bed.StartAsync();

        using var response = await bed.Client.GetAsync("/open311/v2/services.xml");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("errors", XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Name.LocalName);
    }
}
