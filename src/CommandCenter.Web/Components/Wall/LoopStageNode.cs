using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using CommandCenter.Web.Wall;

namespace CommandCenter.Web.Components.Wall;

/// <summary>One stage of the whistle loop as a diagram node; its count is set from the shared view on each render.</summary>
public sealed class LoopStageNode(int stage, string label, string detail, Point position) : NodeModel(position)
{
    public int Stage { get; } = stage;
    public string Label { get; } = label;
    public string Detail { get; } = detail;
    public int Count { get; set; }
    public WallLanguage Language { get; set; }
}

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
