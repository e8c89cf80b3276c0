/**
 * `<ceu-finder api="https://HOST" credential="CMA" provider="ace" lang="es">`: the embeddable CEU Finder.
 * A closed world in a shadow root: the host page's styles cannot reach in, ours cannot leak out; theming
 * goes through `--ceu-*` custom properties only.
 */
import { createApiClient } from './api-client.ts';
import type { WidgetContext } from './context.ts';
import { h, replace } from './dom.ts';
import { locale } from './i18n.ts';
import { PlanView } from './plan-view.ts';
import { SearchView } from './search-view.ts';
import { adoptStyles } from './styles.ts';

/** Where widget.js was loaded from: the default API origin when the tag has no `api` attribute. */
const SCRIPT_ORIGIN = (() => {
  const src = (document.currentScript as HTMLScriptElement | null)?.src;
  try {
    return src ? new URL(src).origin : location.origin;
  } catch {
    return location.origin;
  }
})();

type Tab = 'search' | 'plan';

export class CeuFinderElement extends HTMLElement {
  static readonly observedAttributes = ['api', 'credential', 'provider', 'lang'];
  private readonly root: ShadowRoot;
  private live!: HTMLElement;
  private rendered = false;
  private tab: Tab = 'search';
  private views: { stop(): void }[] = [];

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
  }

  connectedCallback(): void {
    if (!this.rendered) this.build();
  }

  disconnectedCallback(): void {
    for (const view of this.views) view.stop();
    this.views = [];
    this.rendered = false;
  }

  attributeChangedCallback(_name: string, previous: string | null, next: string | null): void {
    // Presets change the whole widget (labels, API, filters): rebuild rather than patch.
    if (this.rendered && previous !== next) this.build();
  }

  /** Says a message through the polite live region; cleared first so a repeated message is read again. */
  private announce(message: string): void {
    this.live.textContent = '';
    setTimeout(() => (this.live.textContent = message), 50);
  }

  private build(): void {
    this.rendered = true;
    const loc = locale(this.getAttribute('lang') ?? (document.documentElement.lang || navigator.language));
    const { t } = loc;
    const api = this.getAttribute('api')?.trim() || SCRIPT_ORIGIN;
    this.live = h('div', { class: 'sr', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    const ctx: WidgetContext = {
      api: createApiClient(api),
      loc,
      root: this.root,
      announce: (m) => this.announce(m),
      providerLock: this.getAttribute('provider')?.trim().toLowerCase() || null,
      credential: this.getAttribute('credential')?.trim().toUpperCase() || null,
      providers: new Map(),
      bundles: new Map(),
    };
    for (const view of this.views) view.stop();
    const search = new SearchView(ctx);
    const plan = new PlanView(ctx);
    this.views = [search, plan];
    const panels: Record<Tab, HTMLElement> = {
      search: h('div', { role: 'tabpanel', id: 'panel-search', 'aria-labelledby': 'tab-search' }, search.el),
      plan: h('div', { role: 'tabpanel', id: 'panel-plan', 'aria-labelledby': 'tab-plan' }, plan.el),
    };
    const tabs: Record<Tab, HTMLButtonElement> = {
      search: h(
        'button',
        { type: 'button', role: 'tab', id: 'tab-search', 'aria-controls': 'panel-search' },
        t.tabSearch,
      ),
      plan: h(
        'button',
        { type: 'button', role: 'tab', id: 'tab-plan', 'aria-controls': 'panel-plan' },
        t.tabPlan,
      ),
    };
    const select = (tab: Tab, focus: boolean) => {
      this.tab = tab;
      for (const key of ['search', 'plan'] as const) {
        const on = key === tab;
        tabs[key].setAttribute('aria-selected', String(on));
        tabs[key].tabIndex = on ? 0 : -1;
        panels[key].hidden = !on;
      }
      if (focus) tabs[tab].focus();
    };
    for (const key of ['search', 'plan'] as const) {
      tabs[key].addEventListener('click', () => select(key, false));
      // WAI-ARIA tabs: arrows move between tabs, Home/End jump to the ends.
      tabs[key].addEventListener('keydown', (e) => {
        const order: Tab[] = ['search', 'plan'];
        const i = order.indexOf(key);
        const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? order.length - 1 : 0;
        const to = step
          ? order[(i + step) % order.length]
          : e.key === 'Home'
            ? order[0]
            : e.key === 'End'
              ? order[order.length - 1]
              : undefined;
        if (to) {
          e.preventDefault();
          select(to, true);
        }
      });
    }
    const notice = h('p', { class: 'notice', hidden: true }, t.sampleData);
    adoptStyles(this.root);
    replace(
      this.root,
      h(
        'header',
        null,
        h(
          'div',
          { class: 'brand' },
          h('span', { class: 'logo', 'aria-hidden': 'true' }, 'CE'),
          h('span', null, 'CEU Finder'),
        ),
        h('div', { role: 'tablist', 'aria-label': 'CEU Finder' }, tabs.search, tabs.plan),
      ),
      notice,
      panels.search,
      panels.plan,
      this.live,
    );
    select(this.tab, false);
    search.fitTo(this.getBoundingClientRect().width || window.innerWidth);
    // Provider names and bundle titles make results readable; the search does not wait for them.
    void ctx.api
      .providers()
      .then((providers) => {
        for (const p of providers) {
          ctx.providers.set(p.id, p);
          for (const b of p.bundles) ctx.bundles.set(b.id, b);
        }
        search.refreshNames();
        notice.hidden = !providers.some((p) => p.sampleData);
        plan.setBundles([...ctx.bundles.values()]);
      })
      .catch(() => undefined);
    search.start();
    void plan.start();
  }
}

/** Registers `<ceu-finder>` once, even when the script is included twice. */
export function defineCeuFinder(name = 'ceu-finder'): void {
  if (!customElements.get(name)) customElements.define(name, CeuFinderElement);
}
