/// A bar chart drawn on the server as inline SVG (no JavaScript): one bar per month, its value above it, the month
/// below. `<title>` and `<desc>` carry the chart's meaning for screen readers, and the numbers are also in a table
/// next to it, so the chart is never the only way to read them.
struct SVGChart: Sendable {
    var title: String
    var summary: String
    var points: [(label: String, value: Double)]
    /// The top of the scale; the largest value when nil.
    var maximum: Double?

    static let width = 640.0
    static let height = 220.0
    static let margin = (top: 24.0, bottom: 36.0, side: 8.0)

    /// The chart in a `<figure>` whose visible caption is the chart's title.
    func figure(id: String) -> String {
        var html = HTMLText()
        html.open("figure")
        html.raw(render(id: id))
        html.element("figcaption", [], title)
        html.close("figure")
        return html.rendered
    }

    func render(id: String) -> String {
        let plotHeight = Self.height - Self.margin.top - Self.margin.bottom
        let top = max(maximum ?? points.map(\.value).max() ?? 0, 1)
        let slot = (Self.width - 2 * Self.margin.side) / Double(max(points.count, 1))
        var svg = HTMLText()
        svg.open(
            "svg",
            [
                ("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(Int(Self.width)) \(Int(Self.height))"),
                ("role", "img"), ("aria-labelledby", "\(id)-title \(id)-desc"), ("class", "chart"),
            ])
        svg.element("title", [("id", "\(id)-title")], title)
        svg.element("desc", [("id", "\(id)-desc")], summary)
        let baseline = Self.height - Self.margin.bottom
        svg.raw(
            "<line x1=\"\(Self.margin.side)\" y1=\"\(baseline)\" x2=\"\(Self.width - Self.margin.side)\" "
                + "y2=\"\(baseline)\" stroke=\"#888\"/>")
        for (index, point) in points.enumerated() {
            let barHeight = plotHeight * max(point.value, 0) / top
            let x = Self.margin.side + Double(index) * slot
            let center = x + slot / 2
            svg.raw(
                "<rect x=\"\(PageShell.tenths(x + slot * 0.15))\" y=\"\(PageShell.tenths(baseline - barHeight))\" "
                    + "width=\"\(PageShell.tenths(slot * 0.7))\" height=\"\(PageShell.tenths(barHeight))\" fill=\"#2b6cb0\"/>"
            )
            svg.element(
                "text",
                [
                    ("x", PageShell.tenths(center)), ("y", PageShell.tenths(baseline - barHeight - 4)),
                    ("text-anchor", "middle"), ("font-size", "11"),
                ], Self.label(point.value))
            svg.element(
                "text",
                [
                    ("x", PageShell.tenths(center)), ("y", PageShell.tenths(baseline + 16)), ("text-anchor", "middle"),
                    ("font-size", "10"),
                ], point.label)
        }
        svg.close("svg")
        return svg.rendered
    }

    static func label(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))" : PageShell.tenths(value)
    }
}
