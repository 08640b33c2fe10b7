/**
 * The page's stylesheet, inline so the report is one file. Fonts are the system's own (no web
 * fonts: nothing is fetched); numbers use tabular figures so columns line up.
 */
export const REPORT_CSS = `
:root{color-scheme:light;--text:#1f2937;--muted:#4b5563;--line:#e5e7eb;--panel:#fff;--bg:#f3f4f6;--accent:#0072b2}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
.page{max-width:1080px;margin:0 auto;padding:32px 24px 40px}
header{border-bottom:3px solid var(--accent);padding-bottom:16px;margin-bottom:8px}
.eyebrow{margin:0;color:var(--accent);font-size:12px;font-weight:600;letter-spacing:.08em;text-transform:uppercase}
h1{font-size:28px;line-height:1.2;margin:4px 0 8px}
.description{color:var(--muted);margin:0 0 16px;max-width:80ch}
.meta{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:10px 24px;margin:0}
.meta div{min-width:0}
.meta dt{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.meta dd{margin:0;font-weight:600;overflow-wrap:anywhere}
section{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:20px 24px;margin-top:20px}
h2{font-size:19px;margin:0 0 14px}
h3{font-size:16px;margin:0 0 8px}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:12px;margin-bottom:20px}
.tile{border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:6px;padding:10px 14px}
.tile-label{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.tile-value{font-size:22px;font-weight:650;font-variant-numeric:tabular-nums;white-space:nowrap}
.tile-note{font-size:13px;color:var(--muted)}
.summary-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:20px;align-items:start}
table{border-collapse:collapse;width:100%;font-size:14px;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:0 0 6px;color:var(--text)}
th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.03em;border-bottom:2px solid var(--line)}
tbody th{font-weight:500}
.num{text-align:right;white-space:nowrap}
.row-note{display:block;color:var(--muted);font-size:12px;font-weight:400;line-height:1.35}
table.figures td{vertical-align:middle}
tfoot th,tfoot td{font-weight:650;border-top:2px solid var(--line)}
tfoot th{white-space:nowrap}
.bar-cell{width:22%}
.bar{display:inline-block;height:10px;border-radius:2px;vertical-align:middle}
.bar.pos{background:#009e73}.bar.neg{background:#d55e00}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
figure{margin:0 0 28px}
figure:last-child{margin-bottom:0}
svg.chart{display:block;width:100%;height:auto}
svg.chart text{font-family:inherit;font-size:12px;fill:#4b5563}
svg.chart text.axis-title{font-weight:600;fill:#1f2937}
svg.chart text.legend{fill:#1f2937}
svg.chart text.note{font-size:14px;fill:#6b7280}
figcaption{color:var(--muted);font-size:13px;margin-top:6px}
.figure-note{color:var(--muted);font-size:13px;margin:0 0 8px}
details.day{border-top:1px solid var(--line);padding:6px 0}
details.day summary{font-weight:500;font-variant-numeric:tabular-nums}
details.day svg.chart{margin-top:6px}
.empty{color:var(--muted);font-style:italic}
details summary{cursor:pointer;font-weight:600}
.scroll{overflow-x:auto}
details .scroll{margin-top:10px}
table.compact{font-size:13px}
table.compact th,table.compact td{padding:4px 6px}
footer{color:var(--muted);font-size:13px;margin-top:24px;line-height:1.6}
@media (max-width:640px){.page{padding:16px 10px}section{padding:14px 12px}h1{font-size:22px}.tile-value{font-size:19px}}
@media print{body{background:#fff}.page{padding:0}section{border:0;padding:0;break-inside:avoid}}
`.trim();
