/**
 * Tiny DOM helpers. Every string goes into the page as a text node or an attribute value, never as
 * markup: crawled titles and descriptions are untrusted, so nothing here touches innerHTML.
 */

export type Child = Node | string | number | null | undefined | false | Child[];
export type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/** Creates an element; `on<event>` keys become listeners, `true` booleans empty attributes, `false`/null are skipped. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value);
      else el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children as nodes; strings and numbers become text nodes. */
export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else
      parent.appendChild(
        typeof child === 'string' || typeof child === 'number'
          ? document.createTextNode(String(child))
          : child,
      );
  }
}

/** Replaces every child of `parent`. */
export function replace(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

/** The URL when it is absolute http(s), else null: `javascript:`, `data:` and relative URLs never become links. */
export function safeHttpUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2048) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A link when the URL is safe, plain text otherwise; links open in a new tab without leaking the opener. */
export function linkOrText(url: unknown, text: string, attrs: Attrs = {}): HTMLElement {
  const href = safeHttpUrl(url);
  if (!href) return h('span', attrs, text);
  return h('a', { ...attrs, href, target: '_blank', rel: 'noopener noreferrer' }, text);
}

let idCounter = 0;
/** A document-unique id for label/aria wiring inside one shadow root. */
export function uid(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/**
 * Runs a re-render and puts keyboard focus back on the element with the same `data-key`, so rebuilding a
 * list (facets, pager) does not throw the keyboard user back to the top.
 */
export function keepFocus(root: ShadowRoot, render: () => void): void {
  const active = root.activeElement as HTMLElement | null;
  const key = active?.dataset['key'];
  render();
  if (key) {
    const next = root.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
    if (next && next !== root.activeElement) next.focus();
  }
}
