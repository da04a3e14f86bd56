/**
 * The page's style sheet, inlined into `<style>`: light and dark follow
 * `prefers-color-scheme` (colours of the charts' palettes), one column on a
 * phone, two chart columns from ~1100 px.
 */
export const PAGE_STYLE = `
:root{color-scheme:light dark;--bg:#f3f4f6;--card:#fff;--text:#1f2937;--sub:#6b7280;--line:#e5e7eb;--accent:#3b82f6}
@media (prefers-color-scheme:dark){:root{--bg:#0e1621;--card:#17212b;--text:#e5e7eb;--sub:#9ca3af;--line:#2b3a4a;--accent:#60a5fa}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}
main{max-width:1240px;margin:0 auto;padding:16px 12px 32px}
h1{font-size:1.45rem;margin:0 0 2px;overflow-wrap:anywhere}
h2{font-size:1.15rem;margin:24px 0 10px}
h3{font-size:1rem;margin:0;padding:10px 12px}
.sub,.hint,footer{color:var(--sub)}
.hint{margin:18px 0 10px;font-size:.9rem}
.totals{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0 4px;padding:0;list-style:none}
.totals li{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:6px 12px;font-size:.9rem;color:var(--sub)}
.totals b{display:block;font-size:1.15rem;color:var(--text);font-variant-numeric:tabular-nums}
.grid{display:grid;gap:14px;align-items:start;grid-template-columns:repeat(auto-fill,minmax(min(100%,520px),1fr))}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;overflow:hidden;min-width:0}
.chart-box{position:relative;overflow:hidden}
.chart-canvas{position:absolute;left:0;top:0;transform-origin:0 0}
.tables{grid-template-columns:repeat(auto-fill,minmax(min(100%,340px),1fr))}
.wide{grid-column:1/-1}
.scroll{max-height:440px;overflow:auto}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;font-size:.92rem}
th,td{padding:5px 10px;border-top:1px solid var(--line);text-align:left;overflow-wrap:break-word}
td:first-child{min-width:8em}
th{position:sticky;top:0;background:var(--card);font-weight:600;white-space:nowrap;border-bottom:1px solid var(--line)}
.num{text-align:right;white-space:nowrap}
th button{all:unset;cursor:pointer;color:var(--text)}
th button:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
th[aria-sort=ascending] button::after{content:" ▲";color:var(--accent)}
th[aria-sort=descending] button::after{content:" ▼";color:var(--accent)}
ul.notes{padding-left:20px}
footer{margin-top:28px;font-size:.85rem}
`;
