using Microsoft.AspNetCore.Components;

namespace CommandCenter.Web.Live;

/// <summary>
/// A panel of a live page that draws again only when one of its <see cref="Inputs"/> changed (docs/architecture.md,
/// "Rendering": render only what changed). A live page re-renders up to ten times a second, and Blazor then
/// re-renders every child whose parameters are objects; a panel built on this compares its inputs with those of its
/// last drawing and skips the render, the diff and the bytes to the browser when they are the same. Inputs compare
/// with <see cref="object.Equals(object)"/>: records by value, <c>ImmutableArray</c> by the array it wraps, which is
/// why the wall's feed hands on the previous view's parts when they did not change (<c>WallViewReuse</c>).
/// </summary>
public abstract class LivePanel : ComponentBase
{
    private object?[]? _drawn;

    /// <summary>Everything the panel draws from: its parameters and cascading values.</summary>
    protected abstract object?[] Inputs { get; }

    public override Task SetParametersAsync(ParameterView parameters)
    {
        parameters.SetParameterProperties(this);
        // The first render never asks ShouldRender: what it draws from is known now.
        _drawn ??= Inputs;
        return base.SetParametersAsync(ParameterView.Empty);
    }

    protected override bool ShouldRender()
    {
        var inputs = Inputs;
        if (_drawn is { } drawn && drawn.Length == inputs.Length && drawn.Zip(inputs).All(pair => Equals(pair.First, pair.Second)))
            return false;
        _drawn = inputs;
        return true;
    }
}
