using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;
using ResponsePortal.Catalog;
using ResponsePortal.Web;

namespace ResponsePortal.Dashboard;

/// <summary>
/// Server-rendered SVG charts: no script, readable by screen readers (role="img" with &lt;title&gt; and &lt;desc&gt;
/// naming the numbers), printable, and each one sits beside a table with the same numbers.
/// Colours: supply blue, demand amber, matched green (all 4.5:1 on white); lines also differ by dash pattern.
/// </summary>
public static class SvgCharts
{
    private const string Supply = "#1d5b9e";
    private const string Demand = "#b56a00";
    private const string Matched = "#00703c";
    private const string Unmet = "#b3261e";
    private const string Grid = "#d8dadb";
    private const string Ink = "#0b0c0c";
    private const string Muted = "#484f53";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static StringBuilder Open(string id, int width, int height, string title, string description)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" id=\"{id}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {width} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{E(title)}</title><desc id=\"{id}-desc\">{E(description)}</desc>");
        svg.Append("<style>text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:13px;fill:").Append(Ink).Append("}.m{fill:").Append(Muted).Append("}</style>");
        return svg;
    }

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>Per category: supply and demand bars scaled to the larger of the two, matched part of demand in green.</summary>
    public static HtmlString SupplyDemand(string id, IReadOnlyList<DimensionRow> rows, PortalText t)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(t);
        const int labelWidth = 230, barWidth = 400, rowHeight = 40, top = 30;
        var shown = rows.Take(15).ToList();
        var height = top + (shown.Count * rowHeight) + 10;
        var svg = Open(id, 760, height, t[Texts.ByCategoryHeading], t.Format(Texts.ChartCategoryDesc, rows.Count));
        Legend(svg, 0, 14, (t[Texts.LegendSupply], Supply), (t[Texts.LegendDemand], Demand), (t[Texts.LegendDemand] + " " + t[Texts.LegendMatched], Matched));
        for (var i = 0; i < shown.Count; i++)
        {
            var row = shown[i];
            var y = top + (i * rowHeight);
            var max = Math.Max(1, Math.Max(row.SupplyQuantity, row.DemandQuantity));
            double W(long q) => barWidth * (double)q / max;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 22}\">{E(Truncate(row.Label, 30))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 4}\" width=\"{N(W(row.SupplyQuantity))}\" height=\"14\" fill=\"{Supply}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 20}\" width=\"{N(W(row.DemandQuantity))}\" height=\"14\" fill=\"{Demand}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 20}\" width=\"{N(W(row.MatchedQuantity))}\" height=\"14\" fill=\"{Matched}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"m\" x=\"{N(labelWidth + W(row.SupplyQuantity) + 6)}\" y=\"{y + 16}\">{E(t.Number(row.SupplyQuantity))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"m\" x=\"{N(labelWidth + W(row.DemandQuantity) + 6)}\" y=\"{y + 32}\">{E(t.Number(row.DemandQuantity))} ({E(t.Number(row.MatchedQuantity))} {E(t[Texts.LegendMatched])})</text>");
        }

        return Close(svg);
    }

    /// <summary>Ranked bars of unmet critical demand.</summary>
    public static HtmlString Gaps(string id, IReadOnlyList<GapRow> gaps, PortalText t)
    {
        ArgumentNullException.ThrowIfNull(gaps);
        ArgumentNullException.ThrowIfNull(t);
        const int labelWidth = 330, barWidth = 330, rowHeight = 28;
        var height = Math.Max(1, gaps.Count) * rowHeight + 8;
        var largest = gaps.Count > 0 ? $"{gaps[0].CategoryLabel}, {gaps[0].RegionLabel}: {t.Number(gaps[0].UnmetQuantity)}" : "–";
        var svg = Open(id, 760, height, t[Texts.GapsHeading], t.Format(Texts.ChartGapsDesc, largest));
        var max = Math.Max(1, gaps.Count > 0 ? gaps.Max(g => g.UnmetQuantity) : 1);
        for (var i = 0; i < gaps.Count; i++)
        {
            var gap = gaps[i];
            var y = 4 + (i * rowHeight);
            var w = barWidth * (double)gap.UnmetQuantity / max;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 16}\">{E(Truncate($"{gap.CategoryLabel} · {gap.Region}", 42))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{N(w)}\" height=\"18\" fill=\"{Unmet}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(labelWidth + w + 6)}\" y=\"{y + 16}\">{E(t.Number(gap.UnmetQuantity))}</text>");
        }

        return Close(svg);
    }

    /// <summary>Daily lines: shortages posted (amber, solid), offers posted (blue, dashed), matches (green, dotted).</summary>
    public static HtmlString Trend(string id, IReadOnlyList<TrendDay> days, PortalText t)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(t);
        const int left = 50, right = 740, top = 34, bottom = 200;
        var svg = Open(id, 760, 230, t[Texts.TrendHeading], t.Format(Texts.ChartTrendDesc, days.Count,
            days.Sum(d => d.RequestsPosted), days.Sum(d => d.OffersPosted), days.Sum(d => d.Matches)));
        Legend(svg, 0, 14, (t[Texts.ColRequestsPosted], Demand), (t[Texts.ColOffersPosted], Supply), (t[Texts.ColMatches], Matched));
        var max = Math.Max(1, days.Count == 0 ? 1 : days.Max(d => Math.Max(d.Matches, Math.Max(d.OffersPosted, d.RequestsPosted))));
        var niceMax = NiceCeiling(max);
        foreach (var fraction in GridFractions)
        {
            var y = bottom - ((bottom - top) * fraction);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{right}\" y1=\"{N(y)}\" y2=\"{N(y)}\" stroke=\"{Grid}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"m\" x=\"{left - 6}\" y=\"{N(y + 4)}\" text-anchor=\"end\">{E(t.Number((long)(niceMax * fraction)))}</text>");
        }

        double X(int i) => days.Count <= 1 ? left : left + ((right - left) * (double)i / (days.Count - 1));
        double Y(long v) => bottom - ((bottom - top) * (double)v / niceMax);
        void Line(Func<TrendDay, long> value, string colour, string dash)
        {
            var points = string.Join(' ', days.Select((d, i) => $"{N(X(i))},{N(Y(value(d)))}"));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\" stroke-dasharray=\"{dash}\" points=\"{points}\"/>");
        }

        Line(d => d.RequestsPosted, Demand, "none");
        Line(d => d.OffersPosted, Supply, "7 4");
        Line(d => d.Matches, Matched, "2 3");
        if (days.Count > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"m\" x=\"{left}\" y=\"{bottom + 20}\">{E(t.Date(days[0].Day))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"m\" x=\"{right}\" y=\"{bottom + 20}\" text-anchor=\"end\">{E(t.Date(days[^1].Day))}</text>");
        }

        return Close(svg);
    }

    /// <summary>Funnel stages as bars relative to all proposed matches.</summary>
    public static HtmlString Funnel(string id, FunnelView funnel, PortalText t)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        ArgumentNullException.ThrowIfNull(t);
        (UiText Label, long Count, string Colour)[] stages =
        [
            (Texts.StageProposed, funnel.Proposed, Supply), (Texts.StagePartlyAccepted, funnel.PartlyAccepted, Supply),
            (Texts.StageAccepted, funnel.Accepted, Matched), (Texts.StageCompleted, funnel.Completed, Matched), (Texts.StageClosed, funnel.Closed, Muted),
        ];
        const int labelWidth = 230, barWidth = 440, rowHeight = 30;
        var svg = Open(id, 760, (stages.Length * rowHeight) + 8, t[Texts.FunnelHeading],
            t.Format(Texts.ChartFunnelDesc, funnel.Proposed, funnel.PartlyAccepted, funnel.Accepted, funnel.Completed, funnel.Closed));
        var max = Math.Max(1, funnel.Proposed);
        for (var i = 0; i < stages.Length; i++)
        {
            var (label, count, colour) = stages[i];
            var y = 4 + (i * rowHeight);
            var w = barWidth * (double)count / max;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 17}\">{E(t[label])}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{N(w)}\" height=\"20\" fill=\"{colour}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(labelWidth + w + 6)}\" y=\"{y + 17}\">{E(t.Number(count))}</text>");
        }

        return Close(svg);
    }

    /// <summary>Histogram of time to first match; the bucket labels are their upper bounds.</summary>
    public static HtmlString Latency(string id, LatencyView latency, PortalText t)
    {
        ArgumentNullException.ThrowIfNull(latency);
        ArgumentNullException.ThrowIfNull(t);
        const int left = 10, bottom = 150, top = 14, width = 740;
        var svg = Open(id, 760, 190, t[Texts.LatencyHeading], t.Format(Texts.ChartLatencyDesc, latency.MatchedRequests,
            Duration(latency.MedianSeconds, t), Duration(latency.P90Seconds, t)));
        var buckets = latency.Buckets;
        var max = Math.Max(1, buckets.Count == 0 ? 1 : buckets.Max(b => b.Requests));
        var slot = (double)width / Math.Max(1, buckets.Count);
        for (var i = 0; i < buckets.Count; i++)
        {
            var b = buckets[i];
            var h = (bottom - top) * (double)b.Requests / max;
            var x = left + (i * slot);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x + 3)}\" y=\"{N(bottom - h)}\" width=\"{N(slot - 6)}\" height=\"{N(h)}\" fill=\"{Supply}\"/>");
            if (b.Requests > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x + (slot / 2))}\" y=\"{N(bottom - h - 4)}\" text-anchor=\"middle\">{E(t.Number(b.Requests))}</text>");
            }

            var label = b.UpToSeconds is { } up ? "<" + Duration(up, t) : ">" + Duration(b.FromSeconds, t);
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"m\" x=\"{N(x + (slot / 2))}\" y=\"{bottom + 16 + (i % 2 * 14)}\" text-anchor=\"middle\" font-size=\"11\">{E(label)}</text>");
        }

        return Close(svg);
    }

    /// <summary>
    /// Region centroids from the catalogue, equirectangular around the data's middle latitude (good enough at European
    /// scale, and needs no outline data), framed to the regions present; circle area ∝ open shortages, colour from blue
    /// (matched) to red (unmet).
    /// </summary>
    public static HtmlString Map(string id, IReadOnlyList<DimensionRow> regions, PortalCatalog catalog, PortalText t)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(t);
        var placed = regions
            .Select(r => (Row: r, Found: catalog.TryGetRegion(r.Code, out var region), Region: region))
            .Where(p => p.Found && p.Row.Requests + p.Row.Offers > 0)
            .OrderByDescending(p => p.Row.Requests)
            .ToList();
        // Frame: the regions present plus a margin, at least 8° by 5°, so one country fills the picture and Europe still fits.
        double west = -11, east = 35, north = 71, south = 34;
        if (placed.Count > 0)
        {
            west = placed.Min(p => p.Region!.Lon) - 1.5;
            east = placed.Max(p => p.Region!.Lon) + 1.5;
            south = placed.Min(p => p.Region!.Lat) - 1;
            north = placed.Max(p => p.Region!.Lat) + 1;
            var (midLon, midLat) = ((west + east) / 2, (south + north) / 2);
            (west, east) = (Math.Min(west, midLon - 4), Math.Max(east, midLon + 4));
            (south, north) = (Math.Min(south, midLat - 2.5), Math.Max(north, midLat + 2.5));
        }

        var cos = Math.Cos((south + north) / 2 * Math.PI / 180);
        const double width = 560;
        var k = width / ((east - west) * cos);
        var height = Math.Min(760, (north - south) * k);
        double X(double lon) => (lon - west) * cos * k;
        double Y(double lat) => (north - lat) * k;
        var svg = Open(id, (int)width, (int)height, t[Texts.MapHeading], t.Format(Texts.ChartMapDesc, placed.Count));
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{N(width)}\" height=\"{N(height)}\" fill=\"#f3f7fb\"/>");
        // A faint graticule, so the circles have a frame of reference without outline data.
        var step = east - west > 20 ? 10 : 2;
        for (var lon = Math.Ceiling(west / step) * step; lon <= east; lon += step)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(X(lon))}\" x2=\"{N(X(lon))}\" y1=\"0\" y2=\"{N(height)}\" stroke=\"{Grid}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"m\" x=\"{N(X(lon) + 3)}\" y=\"{N(height - 4)}\" font-size=\"11\">{lon}°E</text>");
        }

        for (var lat = Math.Ceiling(south / step) * step; lat <= north; lat += step)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"0\" x2=\"{N(width)}\" y1=\"{N(Y(lat))}\" y2=\"{N(Y(lat))}\" stroke=\"{Grid}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"m\" x=\"4\" y=\"{N(Y(lat) - 3)}\" font-size=\"11\">{lat}°N</text>");
        }

        var max = Math.Max(1, placed.Count == 0 ? 1 : placed.Max(p => Math.Max(p.Row.Requests, 1)));
        foreach (var (row, _, region) in placed)
        {
            var (x, y) = (X(region!.Lon), Y(region.Lat));
            var r = 5 + (25 * Math.Sqrt((double)Math.Max(row.Requests, 0) / max));
            var unmetShare = row.DemandQuantity > 0 ? (double)row.UnmetQuantity / row.DemandQuantity : 0;
            var colour = row.Requests == 0 ? Supply : Blend(Supply, Unmet, unmetShare);
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{N(r)}\" fill=\"{colour}\" fill-opacity=\"0.8\" stroke=\"#ffffff\" stroke-width=\"1.5\"><title>{E(row.Label)}: {E(t.Number(row.Requests))} {E(t[Texts.ColRequests])}, {E(t.Number(row.UnmetQuantity))} {E(t[Texts.ColUnmet])}</title></circle>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x + r + 3)}\" y=\"{N(y + 4)}\" font-size=\"11\">{E(row.Code)}</text>");
        }

        return Close(svg);
    }

    public static string Duration(double? seconds, PortalText t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (seconds is not { } s)
        {
            return "–";
        }

        return s < 3600 ? t.Format(Texts.Minutes, Math.Round(s / 60, s < 600 ? 1 : 0))
            : s < 172800 ? t.Format(Texts.Hours, Math.Round(s / 3600, 1))
            : t.Format(Texts.Days, Math.Round(s / 86400, 1));
    }

    private static void Legend(StringBuilder svg, int x, int y, params (string Label, string Colour)[] items)
    {
        var at = x;
        foreach (var (label, colour) in items)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{at}\" y=\"{y - 10}\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{at + 17}\" y=\"{y}\">{E(label)}</text>");
            at += 34 + (label.Length * 8);
        }
    }

    private static readonly double[] GridFractions = [0.0, 0.5, 1.0];
    private static readonly int[] NiceSteps = [1, 2, 5, 10];
    private static readonly int[] HexOffsets = [1, 3, 5];

    private static long NiceCeiling(long value)
    {
        var magnitude = (long)Math.Pow(10, Math.Floor(Math.Log10(Math.Max(1, value))));
        foreach (var step in NiceSteps)
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Blend(string from, string to, double share)
    {
        share = Math.Clamp(share, 0, 1);
        int C(string hex, int at) => int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var rgb = HexOffsets.Select(at => (int)Math.Round(C(from, at) + ((C(to, at) - C(from, at)) * share)));
        return "#" + string.Concat(rgb.Select(v => v.ToString("x2", CultureInfo.InvariantCulture)));
    }
}
