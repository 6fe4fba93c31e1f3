using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using CommandCenter.Web.Wall;

namespace CommandCenter.Web.Whistles;

/// <summary>One stage of the whistle loop as a diagram node; its count is set from the shared view on each render.</summary>
public sealed class LoopStageNode(int stage, string label, string detail, Point position) : NodeModel(position)
{
    public int Stage { get; } = stage;
    public string Label { get; } = label;
    public string Detail { get; } = detail;
    public int Count { get; set; }
    public WallLanguage Language { get; set; }
}
