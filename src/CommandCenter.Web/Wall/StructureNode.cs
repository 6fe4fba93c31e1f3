using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;

namespace CommandCenter.Web.Wall;

/// <summary>A node of the command structure: the district, a street or one of a street's bodies, with its live load.</summary>
public sealed class StructureNode(string kind, string code, Point position) : NodeModel(position)
{
    public string Kind { get; } = kind;
    public string Code { get; } = code;
    public Bilingual Name { get; set; }
    public int Open { get; set; }
    public int Overdue { get; set; }
    public WallLanguage Language { get; set; }
    public string? Href { get; set; }
}
