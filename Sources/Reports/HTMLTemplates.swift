/// The HTML report's templates: one self-contained page, styles inline, no script, no asset
/// from elsewhere. Every value is escaped by the template engine, as `Escaping.HTMLText` says
/// (the content type `HTML5`).
enum HTMLTemplates {
    static let head = template(#"""
    {{% CONTENT_TYPE: HTML5}}
    <!DOCTYPE html>
    <html lang="zh-CN">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}}</title>
    <style>
    body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 24px; color: #1f2328; background: #fff; }
    h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 28px 0 10px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
    h3 { font-size: 16px; margin: 20px 0 6px; } .sub { color: #59636e; margin-bottom: 16px; }
    .totals { display: flex; flex-wrap: wrap; gap: 10px; } .total { border-radius: 6px; padding: 8px 14px; min-width: 72px; text-align: center; }
    .total b { display: block; font-size: 22px; } table { border-collapse: collapse; font-size: 13px; }
    .matrix-wrap { overflow: auto; max-height: 75vh; border: 1px solid #d0d7de; }
    .matrix th, .matrix td { border: 1px solid #d0d7de; padding: 3px 6px; white-space: nowrap; }
    .matrix thead th { position: sticky; top: 0; background: #f6f8fa; z-index: 2; writing-mode: vertical-rl; vertical-align: bottom; max-height: 180px; }
    .matrix thead th.unit, .matrix td.unit { writing-mode: horizontal-tb; position: sticky; left: 0; background: #f6f8fa; z-index: 3; text-align: left; }
    .matrix td.cell { text-align: center; min-width: 18px; }
    .s-pass { background: #dafbe1; } .s-fail, .s-error, .s-invalid, .s-missing { background: #ffd8d3; } .s-warn { background: #fff1c2; }
    .s-pending { background: #ddf4ff; } .s-waived { background: #eadcff; } .s-not_applicable { background: #f6f8fa; color: #8c959f; } .s-none { background: #fff; }
    .tree div { padding: 2px 0; } .bar { display: inline-block; width: 160px; height: 10px; background: #ffd8d3; vertical-align: middle; margin: 0 8px; }
    .bar i { display: block; height: 10px; background: #2da44e; }
    .finding { border-left: 4px solid #d0d7de; padding: 4px 10px; margin: 6px 0; } .finding.s-fail, .finding.s-error, .finding.s-invalid, .finding.s-missing { border-left-color: #cf222e; }
    .finding.s-warn { border-left-color: #bf8700; } .finding.s-pending { border-left-color: #0969da; } .finding.s-waived { border-left-color: #8250df; }
    .quote { color: #59636e; font-size: 13px; } pre { background: #f6f8fa; padding: 4px 8px; margin: 4px 0; font-size: 12px; white-space: pre-wrap; }
    .loc { color: #59636e; font-size: 12px; } .note { color: #59636e; font-size: 13px; } svg text { font-size: 11px; }
    </style>
    </head>
    <body>
    """#)

    static let summary = template(#"""
    {{% CONTENT_TYPE: HTML5}}
    <h1>{{title}}</h1>
    <div class="sub">{{subtitle}}</div>
    <section id="totals"><h2>{{totalsTitle}}</h2>
    <div class="totals">{{#totals}}<div class="total s-{{status}}"><b>{{count}}</b>{{label}}</div>{{/totals}}</div>
    </section>
    <section id="matrix"><h2>{{matrixTitle}}</h2>
    <p class="note">{{matrixNote}}</p>
    <div class="matrix-wrap"><table class="matrix">
    <thead><tr><th class="unit">{{unitColumn}}</th>{{#columns}}<th title="{{title}}">{{id}}</th>{{/columns}}</tr></thead>
    <tbody>
    {{#rows}}<tr><td class="unit"><a href="#{{anchor}}">{{label}}</a></td>{{{cells}}}</tr>
    {{/rows}}
    </tbody></table></div>
    {{#legend}}<p class="note">{{.}}</p>{{/legend}}
    </section>
    <section id="rollup"><h2>{{rollupTitle}}</h2>
    <div class="tree">
    {{#tree}}<div style="padding-left: {{indent}}em">{{label}}<span class="bar"><i style="width: {{percent}}%"></i></span>{{rate}}</div>
    {{/tree}}
    </div>
    </section>
    <section id="timeline"><h2>{{timelineTitle}}</h2>
    <p class="note">{{timelineNote}}</p>
    <svg xmlns="http://www.w3.org/2000/svg" width="{{width}}" height="{{height}}" role="img">
    {{#ticks}}<line x1="{{x}}" y1="20" x2="{{x}}" y2="{{bottom}}" stroke="#eaeef2"/><text x="{{x}}" y="14" text-anchor="middle">{{label}}</text>
    {{/ticks}}
    {{#lanes}}<text x="4" y="{{textY}}">{{name}}</text><line x1="{{left}}" y1="{{y}}" x2="{{right}}" y2="{{y}}" stroke="#d0d7de"/>
    {{#dues}}<line x1="{{x}}" y1="{{top}}" x2="{{x}}" y2="{{bottom}}" stroke="#cf222e" stroke-width="2"><title>{{title}}</title></line>
    {{/dues}}{{#dones}}<circle cx="{{x}}" cy="{{y}}" r="{{r}}" fill="{{fill}}" fill-opacity="0.75"><title>{{title}}</title></circle>
    {{/dones}}{{/lanes}}
    {{#asOf}}<line x1="{{x}}" y1="20" x2="{{x}}" y2="{{bottom}}" stroke="#0969da" stroke-dasharray="4 3"/><text x="{{x}}" y="{{labelY}}" fill="#0969da" text-anchor="middle">{{label}}</text>{{/asOf}}
    </svg>
    </section>
    <section id="units"><h2>{{unitsTitle}}</h2>

    """#)

    /// A cell of the matrix: a rule's column and a status. A page has at most a few hundred
    /// kinds, drawn once each and put into every row that has them (`cells` above).
    static let cell = template(#"""
    {{% CONTENT_TYPE: HTML5}}
    <td class="cell s-{{status}}" title="{{title}}">{{mark}}</td>
    """#)

    /// A unit's section (`HTMLSections`, which parses it once more for each checking thread
    /// past the first).
    static let unit = template(unitText)
    static let unitText = #"""
    {{% CONTENT_TYPE: HTML5}}
    <article class="unit"{{#anchor}} id="{{.}}"{{/anchor}}><h3>{{heading}}</h3>
    <p class="note">{{counts}}</p>
    {{#findings}}<div class="finding s-{{status}}"><b>{{label}}</b> {{rule}} {{title}}{{#item}} 「{{.}}」{{/item}}
    <div>{{message}}</div>
    {{#quote}}<div class="quote">{{quoteLabel}}{{.}}</div>{{/quote}}
    {{#location}}<div class="loc">{{.}}</div>{{/location}}
    {{#excerpt}}<pre>{{.}}</pre>{{/excerpt}}
    </div>
    {{/findings}}
    {{^findings}}<p class="note">{{allGood}}</p>{{/findings}}
    </article>

    """#

    static let foot = "</section>\n</body>\n</html>\n"
}
