/**
 * The widget's stylesheet, scoped by its shadow root. Host pages theme it only through the documented
 * `--ceu-*` custom properties (they inherit into the shadow tree); nothing else leaks in or out.
 * Crawled titles may hold long unbroken tokens: card titles and the plan wrap them rather than widen the layout.
 */
export const STYLES = `
:host{--_accent:var(--ceu-accent,#0f6e66);--_accent-text:var(--ceu-accent-contrast,#fff);--_bg:var(--ceu-bg,#fff);
--_surface:var(--ceu-surface,#f5f7f8);--_text:var(--ceu-text,#17202a);--_muted:var(--ceu-muted,#4a5561);
--_border:var(--ceu-border,#d5dbe0);--_radius:var(--ceu-radius,10px);--_focus:var(--ceu-focus,#1d4ed8);
--_danger:var(--ceu-danger,#b42318);--_ok:var(--ceu-success,#1e7b3c);--_chip:var(--ceu-chip,color-mix(in srgb,var(--_accent) 9%,var(--_bg)));
display:block;container-type:inline-size;font:15px/1.5 var(--ceu-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);
color:var(--_text);background:var(--_bg);border:1px solid var(--_border);border-radius:var(--_radius);overflow:hidden;text-align:left}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
h2,h3,h4,p{margin:0}
a{color:var(--_accent);text-underline-offset:2px}
:focus-visible{outline:3px solid var(--_focus);outline-offset:2px;border-radius:4px}
.sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
button,input,select,textarea{font:inherit;color:inherit}
input,select,textarea{background:var(--_bg);border:1px solid var(--_border);border-radius:8px;padding:.5rem .6rem;min-height:2.5rem;width:100%}
input:focus-visible,select:focus-visible,textarea:focus-visible{border-color:var(--_focus)}
input[type=checkbox]{width:1.05rem;height:1.05rem;min-height:0;margin:0;accent-color:var(--_accent);flex:none}
textarea{min-height:6rem;resize:vertical;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem}
button{cursor:pointer;border-radius:8px;border:1px solid var(--_border);background:var(--_bg);padding:.5rem .9rem;min-height:2.5rem;font-weight:600}
button:hover{background:var(--_surface)}
button:disabled{cursor:not-allowed;opacity:.55}
.primary{background:var(--_accent);border-color:var(--_accent);color:var(--_accent-text)}
.primary:hover{background:var(--_accent);filter:brightness(1.1)}
.link{border:0;background:none;padding:.25rem 0;min-height:0;color:var(--_accent);text-decoration:underline;font-weight:500}
.link:hover{background:none}
header{display:flex;align-items:center;justify-content:space-between;gap:1rem;padding:.9rem 1.1rem .2rem;flex-wrap:wrap}
.brand{display:flex;align-items:center;gap:.55rem;font-weight:700;font-size:1.05rem}
.logo{width:1.7rem;height:1.7rem;border-radius:7px;background:var(--_accent);color:var(--_accent-text);display:grid;place-items:center;font-size:.8rem;font-weight:800}
[role=tablist]{display:flex;gap:.25rem;background:var(--_surface);padding:.25rem;border-radius:999px}
[role=tab]{white-space:nowrap;border:0;border-radius:999px;background:none;padding:.4rem .95rem;min-height:2.25rem;color:var(--_muted)}
[role=tab][aria-selected=true]{background:var(--_bg);color:var(--_text);box-shadow:0 1px 3px rgb(0 0 0/.12)}
[role=tabpanel]{padding:1rem 1.1rem 1.2rem}
.searchbar{position:relative;margin-bottom:.9rem}
.searchbar input{padding-left:2.4rem;font-size:1.02rem;min-height:2.9rem;border-radius:999px}
.searchbar svg{position:absolute;left:.85rem;top:50%;transform:translateY(-50%);width:1.1rem;height:1.1rem;color:var(--_muted)}
.layout{display:grid;grid-template-columns:15rem minmax(0,1fr);gap:1.25rem;align-items:start}
.filters{border:1px solid var(--_border);border-radius:var(--_radius);padding:.4rem .85rem .85rem;background:var(--_surface)}
.filters summary{cursor:pointer;font-weight:700;padding:.45rem 0;list-style-position:inside}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend{font-weight:650;font-size:.85rem;padding:0;margin:.7rem 0 .3rem;color:var(--_text)}
.opt{display:flex;align-items:center;gap:.5rem;padding:.2rem 0;font-size:.9rem;cursor:pointer}
.opt .count{margin-left:auto;color:var(--_muted);font-size:.8rem;font-variant-numeric:tabular-nums}
.range{display:grid;grid-template-columns:1fr 1fr;gap:.45rem}
.range.one{grid-template-columns:1fr}
.range label,.field>label{display:block;font-size:.8rem;color:var(--_muted);margin-bottom:.15rem}
.toolbar{display:flex;align-items:center;justify-content:space-between;gap:.75rem;flex-wrap:wrap;margin-bottom:.7rem}
.toolbar .summary{font-weight:650}
.toolbar .muted{font-weight:400}
.sort{display:flex;align-items:center;gap:.45rem;min-width:0;max-width:100%}
.sort label{font-size:.85rem;color:var(--_muted);white-space:nowrap}
.sort select{width:auto;min-width:0;flex:0 1 auto}
.muted{color:var(--_muted)}
.results{list-style:none;margin:0;padding:0;display:grid;gap:.7rem}
.results[aria-busy=true]{opacity:.55;transition:opacity .2s}
.card{border:1px solid var(--_border);border-radius:var(--_radius);padding:.85rem 1rem;display:grid;grid-template-columns:1fr auto;gap:.2rem 1rem;background:var(--_bg)}
.card h3{font-size:1rem;line-height:1.35;overflow-wrap:anywhere}
.card h3 a{text-decoration:none}.card h3 a:hover{text-decoration:underline}
.card .meta{font-size:.85rem;color:var(--_muted)}
.card .desc{display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}
.price{text-align:right;grid-row:span 2}
.price strong{font-size:1.1rem;display:block}
.price small{display:block;font-size:.78rem;color:var(--_muted)}
.price strong.unlisted{font-size:.92rem;font-weight:600;color:var(--_muted)}
.chips .unlisted{font-size:.76rem;color:var(--_muted);padding:.12rem 0}
.chips{display:flex;flex-wrap:wrap;gap:.35rem;margin-top:.4rem;grid-column:1/-1;padding:0;list-style:none}
.chip{font-size:.76rem;background:var(--_chip);color:var(--_text);border-radius:999px;padding:.12rem .55rem}
.chip.approved{background:#eaf5ec;color:#14532d}
.card .go{grid-column:1/-1;font-size:.85rem;margin-top:.3rem}
.state{text-align:center;padding:2rem 1rem;border:1px dashed var(--_border);border-radius:var(--_radius)}
.state h3{font-size:1.05rem;margin-bottom:.35rem}
.state p{color:var(--_muted);margin-bottom:.8rem}
.state.error{border-color:var(--_danger)}
.state.error h3{color:var(--_danger)}
nav.pager{display:flex;align-items:center;justify-content:center;gap:.75rem;margin-top:1rem}
.plan-form{display:grid;gap:1rem;grid-template-columns:repeat(2,minmax(0,1fr))}
.plan-form .wide{grid-column:1/-1}
.grid3{display:grid;grid-template-columns:repeat(auto-fill,minmax(8.5rem,1fr));gap:.6rem;align-items:end}
.field small,.help{display:block;font-size:.8rem;color:var(--_muted);margin-top:.2rem}
.errors{color:var(--_danger);font-size:.85rem;margin:.3rem 0 0;padding-left:1.1rem}
.checks{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.actions{display:flex;gap:.6rem;flex-wrap:wrap;align-items:center}
.plan{margin-top:1.3rem;display:grid;grid-template-columns:minmax(0,1fr);gap:1rem;overflow-wrap:break-word}
.totals{display:grid;grid-template-columns:repeat(auto-fit,minmax(5.5rem,1fr));gap:.6rem}
.plan:focus{outline:none}
.stat{background:var(--_surface);border-radius:var(--_radius);padding:.7rem .9rem}
.stat .label{font-size:.8rem;color:var(--_muted)}
.stat .value{font-size:1.35rem;font-weight:750;font-variant-numeric:tabular-nums}
.left-out{font-size:.88rem;border-left:3px solid var(--_border);padding-left:.7rem}
.badge{display:inline-block;font-size:.75rem;font-weight:650;border-radius:999px;padding:.1rem .55rem;background:#e6f4ea;color:#14532d}
.next{border:2px solid var(--_accent);border-radius:var(--_radius);padding:.9rem 1rem;background:var(--_chip)}
.next .kicker{text-transform:uppercase;letter-spacing:.06em;font-size:.72rem;font-weight:800;color:var(--_accent)}
.next h3{font-size:1.1rem;margin:.15rem 0 .25rem}
section h3.title{font-size:.95rem;margin-bottom:.5rem}
.bars{display:grid;grid-template-columns:minmax(0,1fr);gap:.55rem;list-style:none;margin:0;padding:0}
.bar-label{display:flex;justify-content:space-between;font-size:.85rem;gap:.5rem}
.bar{height:.6rem;border-radius:999px;background:var(--_surface);border:1px solid var(--_border);overflow:hidden;margin-top:.2rem}
.bar>span{display:block;height:100%;background:var(--_ok);border-radius:999px}
.bar.short>span{background:var(--_danger)}
.steps{margin:0;padding-left:1.4rem;display:grid;grid-template-columns:minmax(0,1fr);gap:.6rem}
.steps li::marker{font-weight:700;color:var(--_accent)}
.steps .why{font-size:.85rem;color:var(--_muted)}
.bundles{list-style:none;margin:0;padding:0;display:grid;gap:.5rem}
.bundles li{border:1px solid var(--_border);border-radius:var(--_radius);padding:.6rem .8rem}
.notice{margin:.6rem 1.1rem 0;padding:.45rem .75rem;border-radius:8px;background:#fff7e0;color:#5c4200;font-size:.85rem}
.alert{border-left:4px solid var(--_danger);background:#fdf0ef;padding:.8rem 1rem;border-radius:6px}
.alert h3{color:var(--_danger);font-size:1rem;margin-bottom:.3rem}
.alert ul{margin:.3rem 0;padding-left:1.1rem}
.spinner{display:inline-block;width:1rem;height:1rem;border:2px solid currentColor;border-right-color:transparent;border-radius:50%;animation:spin .8s linear infinite;vertical-align:-3px;margin-right:.4rem}
@keyframes spin{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){.spinner{animation:none}.results[aria-busy=true]{transition:none}}
@container (max-width:720px){.layout{grid-template-columns:minmax(0,1fr)}.plan-form{grid-template-columns:minmax(0,1fr)}}
@container (max-width:460px){header{padding:.75rem .8rem 0;flex-wrap:nowrap;gap:.6rem}[role=tabpanel]{padding:.85rem .8rem 1rem}.card{grid-template-columns:1fr}.price{text-align:left;grid-row:auto}.price strong{display:inline;margin-right:.4rem}.brand span:last-child{display:none}[role=tablist]{flex:1;min-width:0}[role=tab]{flex:1;min-width:0;padding:.35rem .5rem;font-size:.88rem;white-space:normal;line-height:1.2}.brand{display:none}.stat .value{font-size:1.1rem}.stat{padding:.55rem .65rem}.steps{font-size:.93rem}}
`;

let shared: CSSStyleSheet | undefined;

/**
 * Applies the stylesheet through a constructed CSSStyleSheet: pages with a strict Content-Security-Policy
 * (no 'unsafe-inline' styles) block <style> elements but not the CSSOM, and every widget on the page shares
 * one parsed sheet.
 */
export function adoptStyles(root: ShadowRoot | Document, css: string = STYLES): void {
  const view = ('defaultView' in root ? root.defaultView : root.ownerDocument.defaultView) ?? window;
  const sheet =
    css === STYLES && view === window ? (shared ??= new CSSStyleSheet()) : new view.CSSStyleSheet();
  if (sheet.cssRules.length === 0) sheet.replaceSync(css);
  root.adoptedStyleSheets = [sheet];
}
