/// The fixed parts of the report page: the style sheet, the figure wrapper and the inline
/// scripts. Nothing here loads anything from a network: fonts are the system's sans-serif.
enum PageStyle {
    static let css = """
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; margin: 18px 22px; color: #222; background: #fff; }
        h1 { font-size: 22px; margin: 0 0 4px; }
        h2 { font-size: 17px; border-bottom: 1px solid #ddd; padding-bottom: 3px; margin: 26px 0 10px; }
        h3 { font-size: 14px; margin: 16px 0 6px; font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
        p, li { font-size: 13px; line-height: 1.45; max-width: 1100px; }
        code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
        .meta { color: #555; }
        nav { font-size: 12px; line-height: 1.8; }
        nav a { margin-right: 10px; color: #0b5394; text-decoration: none; font-family: "DejaVu Sans Mono", monospace; }
        .figures { display: flex; flex-wrap: wrap; gap: 14px 16px; align-items: flex-start; }
        figure.plot { margin: 0; }
        .metrics { display: flex; flex-wrap: wrap; gap: 4px 20px; align-items: flex-start; }
        section.metric { max-width: 100%; }
        figure.plot svg { display: block; background: #fff; }
        figcaption { font-size: 11px; color: #555; margin-top: 3px; line-height: 1.35; }
        .control { font-size: 12px; display: block; margin-bottom: 4px; }
        .control select { max-width: 90%; }
        .note { color: #777; font-size: 12px; font-style: italic; }
        svg text { font-size: 10.5px; fill: #333; }
        svg text.title { font-size: 12px; font-weight: bold; fill: #111; }
        svg text.label { font-size: 11px; fill: #444; }
        svg text.note { font-size: 11px; fill: #888; }
        svg .axis { stroke: #555; stroke-width: 1; }
        svg .grid { stroke: #e8e8e8; stroke-width: 1; }
        svg .band { fill-opacity: 0.18; stroke: none; }
        svg .line { fill: none; stroke-width: 2; }
        svg .whisker { stroke-width: 1.6; stroke-opacity: 0.55; }
        svg .dot { stroke: #fff; stroke-width: 0.8; }
        svg .bench { fill: none; stroke-width: 1.6; stroke-dasharray: 5 3; }
        svg .bench-dot { stroke: #fff; stroke-width: 0.6; }
        svg .step { fill: none; stroke-width: 1.6; stroke-opacity: 0.9; }
        svg .area { fill-opacity: 0.18; stroke: none; }
        svg .cell { stroke: #fff; stroke-width: 0.6; }
        svg text.cell-text { font-size: 9.5px; }
        svg text.cell-text.small { font-size: 8.5px; }
        svg text.cell-text.light { fill: #fff; }
        svg text.cell-text.dark { fill: #222; }
        table { border-collapse: collapse; font-size: 12px; margin: 4px 0 8px; }
        th, td { padding: 2px 9px; text-align: right; border-bottom: 1px solid #eee; white-space: nowrap; }
        th { background: #f4f4f4; font-weight: 600; }
        th:first-child, td:first-child { text-align: left; }
        td.text { text-align: left; font-family: "DejaVu Sans Mono", monospace; }
        #self-check { display: none; }
        """

    /// Records uncaught script errors for the self-check; runs first, in the page's head.
    static let errorHook = """
        window.__reportErrors = [];
        window.addEventListener('error', function (e) { window.__reportErrors.push(String(e.message)); });
        """

    /// On load, measures every plot and writes a JSON summary into `<pre id="self-check">`:
    /// per figure its `data-plot`, the svg's rendered width and height, the number of data marks
    /// (`.mark`) and how many of them have a nonzero bounding box; plus any script errors.
    /// `scripts/test-report` reads it from the rendered DOM.
    static let selfCheck = """
        window.addEventListener('load', function () {
          var plots = [];
          document.querySelectorAll('figure.plot').forEach(function (f) {
            var svg = f.querySelector('svg');
            var box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
            var marks = svg ? svg.querySelectorAll('.mark') : [];
            var drawn = 0;
            marks.forEach(function (m) { var b = m.getBBox(); if (b.width > 0 || b.height > 0) drawn += 1; });
            plots.push({ plot: f.dataset.plot, width: box.width, height: box.height, marks: marks.length, drawn: drawn });
          });
          document.getElementById('self-check').textContent = JSON.stringify({ plots: plots, errors: window.__reportErrors });
        });
        """
}

/// The HTML of one plot: `<figure class="plot" data-plot="KIND">`, the svg, a caption.
enum Figure {
    /// The figure is as wide as its svg (`width` pixels), so that its caption wraps under it.
    static func html(kind: String, svg: String, caption: String, width: Double) -> String {
        "<figure class=\"plot\" data-plot=\"\(SVGCanvas.escape(kind))\" style=\"width: \(SVGCanvas.n(width))px\">\n\(svg)\n<figcaption>\(SVGCanvas.escape(caption))</figcaption>\n</figure>"
    }
}
