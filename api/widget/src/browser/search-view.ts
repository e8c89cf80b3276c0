/**
 * The search tab: results as you type (debounced; a new keystroke aborts the request in flight), facet
 * filters with counts, price and hours ranges, sort and paging.
 */
import type { Course, CourseQuery, SearchResult } from './api-client.ts';
import { bundleName, hoursText, problemText, providerName, type WidgetContext } from './context.ts';
import { durationText, memberPriceText, pricePerPointText, priceText } from './course-text.ts';
import { h, keepFocus, linkOrText, replace, uid } from './dom.ts';

const FACETS = ['category', 'credential', 'format', 'provider', 'approvedBy'] as const;
type Facet = (typeof FACETS)[number];
const PER_PAGE = 10;
const TYPING_DELAY_MS = 180;

const SEARCH_ICON = (): SVGSVGElement => {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('fill', 'none');
  svg.setAttribute('stroke', 'currentColor');
  svg.setAttribute('stroke-width', '2.2');
  const circle = document.createElementNS(ns, 'circle');
  circle.setAttribute('cx', '11');
  circle.setAttribute('cy', '11');
  circle.setAttribute('r', '7');
  const line = document.createElementNS(ns, 'path');
  line.setAttribute('d', 'M20 20l-4-4');
  svg.append(circle, line);
  return svg;
};

/** Dollars typed by a person → cents, or undefined when empty or not a number. */
function dollarsToCents(value: string): number | undefined {
  if (value.trim() === '') return undefined;
  const n = Number(value.replace(',', '.'));
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 100) : undefined;
}

export class SearchView {
  readonly el: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly facetsBox: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly list: HTMLElement;
  private readonly pager: HTMLElement;
  private readonly filtersEl: HTMLDetailsElement;
  private readonly sort: HTMLSelectElement;
  private readonly minPrice: HTMLInputElement;
  private readonly maxPrice: HTMLInputElement;
  private readonly maxHours: HTMLInputElement;
  private readonly selected: Record<Facet, Set<string>> = {
    category: new Set(),
    credential: new Set(),
    format: new Set(),
    provider: new Set(),
    approvedBy: new Set(),
  };
  private page = 1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: AbortController | undefined;
  private last: SearchResult | undefined;
  /** The sort the shown results were asked for: "price per point" then shows each card's figure. */
  private lastSort: CourseQuery['sort'];
  /** After a page change the new results start above the pager the person just used: show their top. */
  private scrollOnRender = false;

  constructor(private readonly ctx: WidgetContext) {
    const { t } = ctx.loc;
    if (ctx.credential) this.selected.credential.add(ctx.credential);
    const inputId = uid('q');
    this.input = h('input', {
      id: inputId,
      type: 'search',
      placeholder: t.searchPlaceholder,
      autocomplete: 'off',
      spellcheck: 'false',
      onInput: () => this.schedule(TYPING_DELAY_MS, true),
      onKeydown: (e: Event) => {
        if ((e as KeyboardEvent).key === 'Enter') this.schedule(0, true);
      },
    });
    const range = (label: string, onInput: () => void, attrs: Record<string, string>) => {
      const id = uid('r');
      const input = h('input', { id, type: 'number', inputmode: 'decimal', min: '0', ...attrs, onInput });
      return [input, h('div', null, h('label', { for: id }, label), input)] as const;
    };
    const rerun = () => this.schedule(350, true);
    const [minPrice, minBox] = range(t.minPrice, rerun, { step: '1', placeholder: '0' });
    const [maxPrice, maxBox] = range(t.maxPrice, rerun, { step: '1', placeholder: '—' });
    const [maxHours, hoursBox] = range(t.maxHours, rerun, { step: '0.5', placeholder: '—' });
    this.minPrice = minPrice;
    this.maxPrice = maxPrice;
    this.maxHours = maxHours;
    this.facetsBox = h('div');
    const sortId = uid('sort');
    this.sort = h(
      'select',
      { id: sortId, onChange: () => this.schedule(0, true) },
      h('option', { value: 'relevance' }, t.sortRelevance),
      h('option', { value: 'price' }, t.sortPrice),
      h('option', { value: '-price' }, t.sortPriceDesc),
      h('option', { value: 'hours' }, t.sortHours),
      h('option', { value: 'pricePerPoint' }, t.sortPricePerPoint),
    );
    this.summary = h('p', { class: 'summary' });
    this.list = h('ol', { class: 'results', 'aria-label': t.tabSearch });
    this.pager = h('nav', { class: 'pager', 'aria-label': t.pagination });
    const filters = h(
      'details',
      { class: 'filters', open: true },
      h('summary', null, t.filters),
      this.facetsBox,
      h('fieldset', null, h('legend', null, t.price), h('div', { class: 'range' }, minBox, maxBox)),
      h('fieldset', null, h('legend', null, t.hoursRange), h('div', { class: 'range one' }, hoursBox)),
      h('button', { type: 'button', class: 'link', onClick: () => this.clearFilters() }, t.clearFilters),
    );
    this.el = h(
      'div',
      null,
      // Host pages put the widget under their own heading; this keeps result headings in order for screen readers.
      h('h2', { class: 'sr' }, t.tabSearch),
      h(
        'div',
        { class: 'searchbar', role: 'search' },
        h('label', { for: inputId, class: 'sr' }, t.searchLabel),
        SEARCH_ICON(),
        this.input,
      ),
      h(
        'div',
        { class: 'layout' },
        filters,
        h(
          'div',
          null,
          h(
            'div',
            { class: 'toolbar' },
            this.summary,
            h('div', { class: 'sort' }, h('label', { for: sortId }, t.sort), this.sort),
          ),
          this.list,
          this.pager,
        ),
      ),
    );
    this.filtersEl = filters;
  }

  /** Re-renders the last answer once provider names and bundle titles are known. */
  refreshNames(): void {
    if (this.last) this.render(this.last);
  }

  /** Called once the element knows its width: narrow screens start with the filters folded away. */
  fitTo(width: number): void {
    if (width < 720) this.filtersEl.open = false;
  }

  /** Runs the first search (all courses, or the presets). */
  start(): void {
    this.schedule(0, false);
  }

  /** Cancels the pending keystroke timer and the request in flight (the element left the page or was rebuilt). */
  stop(): void {
    clearTimeout(this.timer);
    this.inFlight?.abort();
  }

  private schedule(delay: number, resetPage: boolean): void {
    if (resetPage) this.page = 1;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), delay);
  }

  private query(): CourseQuery {
    const pick = (f: Facet) => (this.selected[f].size ? [...this.selected[f]] : undefined);
    const maxHours = this.maxHours.value.trim() === '' ? undefined : Number(this.maxHours.value);
    return {
      q: this.input.value.trim() || undefined,
      category: pick('category'),
      credential: pick('credential'),
      format: pick('format'),
      provider: this.ctx.providerLock ? [this.ctx.providerLock] : pick('provider'),
      approvedBy: pick('approvedBy'),
      minPrice: dollarsToCents(this.minPrice.value),
      maxPrice: dollarsToCents(this.maxPrice.value),
      maxHours: maxHours !== undefined && Number.isFinite(maxHours) && maxHours >= 0 ? maxHours : undefined,
      sort: this.sort.value as CourseQuery['sort'],
      page: this.page,
      perPage: PER_PAGE,
    };
  }

  private async run(): Promise<void> {
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    this.list.setAttribute('aria-busy', 'true');
    if (!this.last)
      replace(this.summary, h('span', { class: 'spinner', 'aria-hidden': 'true' }), this.ctx.loc.t.loading);
    try {
      const query = this.query();
      const result = await this.ctx.api.searchCourses(query, controller.signal);
      if (controller.signal.aborted) return;
      this.last = result;
      this.lastSort = query.sort;
      this.render(result);
      const pages = Math.max(1, Math.ceil(result.total / result.perPage));
      this.ctx.announce(
        `${this.ctx.loc.t.results(result.total)}${pages > 1 ? `, ${this.ctx.loc.t.resultsPage(result.page, pages)}` : ''}`,
      );
    } catch (error) {
      if (controller.signal.aborted || (error as Error).name === 'AbortError') return;
      this.renderError(error);
    } finally {
      if (this.inFlight === controller) this.list.removeAttribute('aria-busy');
    }
  }

  private clearFilters(): void {
    for (const f of FACETS) this.selected[f].clear();
    this.minPrice.value = '';
    this.maxPrice.value = '';
    this.maxHours.value = '';
    this.schedule(0, true);
  }

  private facetLabel(facet: Facet, value: string): string {
    const { t } = this.ctx.loc;
    if (facet === 'category') return t.categories[value] ?? value;
    if (facet === 'format') return t.formats[value] ?? value;
    if (facet === 'provider') return providerName(this.ctx, value);
    return value;
  }

  private renderFacets(result: SearchResult): void {
    const { t } = this.ctx.loc;
    const groups = FACETS.filter((f) => !(f === 'provider' && this.ctx.providerLock)).map((facet) => {
      const counts = (result.facets as Partial<Record<Facet, Record<string, number>>>)[facet] ?? {};
      // Selected values stay visible even when the current filters leave them no matches, so they can be unticked.
      const values = new Set([...Object.keys(counts), ...this.selected[facet]]);
      if (values.size === 0) return null;
      const sorted = [...values].sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || a.localeCompare(b));
      return h(
        'fieldset',
        null,
        h('legend', null, t[facet]),
        sorted.map((value) => {
          const id = uid('f');
          const count = counts[value] ?? 0;
          return h(
            'label',
            { class: 'opt', for: id },
            h('input', {
              id,
              type: 'checkbox',
              'data-key': `${facet}=${value}`,
              checked: this.selected[facet].has(value),
              onChange: (e: Event) => {
                if ((e.target as HTMLInputElement).checked) this.selected[facet].add(value);
                else this.selected[facet].delete(value);
                this.schedule(0, true);
              },
            }),
            h('span', null, this.facetLabel(facet, value)),
            h('span', { class: 'sr' }, ` (${count})`),
            h('span', { class: 'count', 'aria-hidden': 'true' }, count),
          );
        }),
      );
    });
    keepFocus(this.ctx.root, () => replace(this.facetsBox, groups));
  }

  private render(result: SearchResult): void {
    const { t } = this.ctx.loc;
    this.renderFacets(result);
    const pages = Math.max(1, Math.ceil(result.total / result.perPage));
    if (this.scrollOnRender) {
      this.scrollOnRender = false;
      this.summary.scrollIntoView({ block: 'nearest' });
    }
    replace(
      this.summary,
      t.results(result.total),
      pages > 1 ? h('span', { class: 'muted' }, ` · ${t.resultsPage(result.page, pages)}`) : null,
    );
    if (result.hits.length === 0) {
      const q = this.input.value.trim();
      replace(
        this.list,
        h(
          'li',
          { class: 'state' },
          h('h3', null, q ? `${t.emptyTitle} “${q}”` : t.emptyTitle),
          h('p', null, t.emptyHelp),
          h('button', { type: 'button', onClick: () => this.clearFilters() }, t.clearFilters),
        ),
      );
    } else {
      replace(
        this.list,
        result.hits.map((course) => h('li', null, this.card(course))),
      );
    }
    keepFocus(this.ctx.root, () =>
      replace(
        this.pager,
        pages > 1
          ? [
              h(
                'button',
                {
                  type: 'button',
                  'data-key': 'prev',
                  disabled: result.page <= 1,
                  onClick: () => this.goTo(result.page - 1),
                },
                `‹ ${t.prev}`,
              ),
              h('span', { class: 'muted' }, `${result.page} / ${pages}`),
              h(
                'button',
                {
                  type: 'button',
                  'data-key': 'next',
                  disabled: result.page >= pages,
                  onClick: () => this.goTo(result.page + 1),
                },
                `${t.next} ›`,
              ),
            ]
          : null,
      ),
    );
  }

  private goTo(page: number): void {
    this.page = page;
    this.scrollOnRender = true;
    this.schedule(0, false);
  }

  private card(course: Course): HTMLElement {
    const { t, number } = this.ctx.loc;
    const headingId = uid('c');
    const included = course.bundleIds.map((id) => bundleName(this.ctx, id));
    const price = priceText(this.ctx.loc, course);
    const member = memberPriceText(this.ctx.loc, course);
    const perPoint = this.lastSort === 'pricePerPoint' ? pricePerPointText(this.ctx.loc, course) : null;
    const description = course.description ? course.description.replace(/\s+/g, ' ').trim() : '';
    return h(
      'article',
      { class: 'card', 'aria-labelledby': headingId },
      h('h3', { id: headingId }, linkOrText(course.url, course.title)),
      h(
        'div',
        { class: 'price' },
        h('strong', { class: price.known || price.note ? null : 'unlisted' }, price.main),
        price.note ? h('small', null, price.note) : null,
        perPoint ? h('small', null, perPoint) : null,
        member ? h('small', null, member) : null,
        included.length ? h('small', null, t.includedIn(included.join(', '))) : null,
      ),
      h(
        'p',
        { class: 'meta' },
        [
          providerName(this.ctx, course.provider),
          t.formats[course.format] ?? course.format,
          hoursText(this.ctx, course.hours) || t.hoursNotListed,
          durationText(this.ctx.loc, course.duration),
        ]
          .filter(Boolean)
          .join(' · '),
      ),
      description
        ? h(
            'p',
            { class: 'meta desc' },
            description.length > 180 ? `${description.slice(0, 177)}…` : description,
          )
        : null,
      h(
        'ul',
        { class: 'chips' },
        course.credits.map((c) =>
          h(
            'li',
            { class: 'chip' },
            t.points(number(c.points), (t.categories[c.category] ?? c.category).toLowerCase()),
          ),
        ),
        // No points published: say so plainly instead of a chip that would claim an area.
        course.credits.length ? null : h('li', { class: 'unlisted' }, t.pointsNotListed),
        course.approvedBy.length
          ? h('li', { class: 'chip approved' }, t.approved(course.approvedBy.join(', ')))
          : null,
      ),
    );
  }

  private renderError(error: unknown): void {
    const { t } = this.ctx.loc;
    this.last = undefined;
    replace(this.summary);
    replace(this.pager);
    const message = problemText(this.ctx, error);
    replace(
      this.list,
      h(
        'li',
        { class: 'state error', role: 'alert' },
        h('h3', null, t.errorTitle),
        h('p', null, message),
        h('button', { type: 'button', onClick: () => this.schedule(0, false) }, t.retry),
      ),
    );
  }
}
