using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using CommandCenter.Core.Whistles;
using CommandCenter.Web.Wall;

namespace CommandCenter.Web.Whistles;

/// <summary>One stage of the whistle loop as a diagram node; its count is set from the view on each render.</summary>
public sealed class WhistleStageNode(WhistleStage stage, bool onWall, Point position) : NodeModel(position)
{
    public WhistleStage Stage { get; } = stage;

    /// <summary>The wall's node (its line says what the count is) rather than the whistle board's (late count beside it).</summary>
    public bool OnWall { get; } = onWall;

    public StageCount Count { get; set; } = new(stage, 0, 0);

    public WallLanguage Language { get; set; }
}
