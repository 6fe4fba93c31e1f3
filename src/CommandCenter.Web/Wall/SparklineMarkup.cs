using System.Collections.Immutable;
using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Web.Wall;

/// <summary>
/// A sparkline: today's hours (solid) against yesterday's (dashed), on one scale, 24 hours across a 240×40 box. Markup
/// drawn into the KPI panel's own render tree rather than a component of its own (each component costs every wall
/// circuit two render trees for its lifetime; docs/benchmarks-year.md).
/// </summary>
public static class SparklineMarkup
{
    public static RenderFragment Render(string key, HourSeries series, WallLanguage lang) => builder =>
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", "sparkline");
        builder.AddAttribute(2, "data-spark", key);
        builder.AddAttribute(3, "viewBox", "0 0 240 40");
        builder.AddAttribute(4, "preserveAspectRatio", "none");
        builder.AddAttribute(5, "role", "img");
        builder.AddAttribute(6, "aria-label", $"{lang.T("今日")} {string.Join(",", series.Today)}; {lang.T("昨日")} {string.Join(",", series.Yesterday)}");
        builder.OpenElement(7, "polyline");
        builder.AddAttribute(8, "class", "spark-yesterday");
        builder.AddAttribute(9, "points", Points(series.Yesterday, series.Max));
        builder.CloseElement();
        builder.OpenElement(10, "polyline");
        builder.AddAttribute(11, "class", "spark-today");
        builder.AddAttribute(12, "points", Points(series.Today, series.Max));
        builder.CloseElement();
        builder.CloseElement();
    };

    /// <summary>The polyline's points: hour h at x = 10h + 5, the series' maximum at the top (y = 2), zero at the bottom (y = 38).</summary>
    internal static string Points(ImmutableArray<int> values, int seriesMax)
    {
        var max = Math.Max(1, seriesMax);
        return string.Join(" ", values.Select((v, hour) =>
            string.Create(CultureInfo.InvariantCulture, $"{hour * 10.0 + 5:0.#},{38 - 36.0 * v / max:0.#}")));
    }
}
