using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using CommandCenter.Core.Whistles;

namespace CommandCenter.Web.Whistles;

/// <summary>One stage of the whistle board's loop as a diagram node; its count is set from the view on each render.</summary>
public sealed class WhistleStageNode(WhistleStage stage, Point position) : NodeModel(position)
{
    public WhistleStage Stage { get; } = stage;

    public StageCount Count { get; set; } = new(stage, 0, 0);
}
