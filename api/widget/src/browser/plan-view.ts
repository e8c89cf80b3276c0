/**
 * The plan tab: the person's credential, what they already earned (per area or a pasted transcript) and
 * optional limits go to `POST /v1/recommendations`; the answer is shown as totals, "take this next",
 * coverage bars, bundles to buy and ordered steps, or — when infeasible — what is short, in words.
 */
import type { CredentialInfo, Recommendation, RecommendationRequest } from './api-client.ts';
import { hoursText, problemText, providerName, type WidgetContext } from './context.ts';
import { h, linkOrText, replace, uid, type Attrs, type Child } from './dom.ts';
import { planToCsv, planToIcs } from './plan-export.ts';
import { printNode } from './print.ts';
import { parseTranscript } from './transcript.ts';

type Step = Recommendation['plan']['steps'][number];
const EARNED_KEYS = new Set(['total', 'general', 'clinical', 'administrative', 'approved']);
const FORMATS = ['online', 'self-study', 'live-webinar', 'in-person', 'conference', 'article-quiz'];

/** A titled section holding one list: the coverage bars, the bundles to buy, the steps in order. */
function listSection(title: string, tag: 'ul' | 'ol', cls: string, items: Child[]): HTMLElement {
  return h('section', null, h('h3', { class: 'title' }, title), h(tag, { class: cls }, items));
}

/** One figure of the totals row. */
function stat(label: string, value: Child, valueAttrs: Attrs = {}): HTMLElement {
  return h(
    'div',
    { class: 'stat' },
    h('div', { class: 'label' }, label),
    h('div', { class: 'value', ...valueAttrs }, value),
  );
}

/** A labelled input with optional help text wired through aria-describedby. */
function field(
  label: string,
  input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  help?: string,
  cls = 'field',
): HTMLElement {
  const id = uid('p');
  input.id = id;
  const helpId = help ? `${id}-help` : null;
  if (helpId) input.setAttribute('aria-describedby', helpId);
  return h(
    'div',
    { class: cls },
    h('label', { for: id }, label),
    input,
    help ? h('small', { id: helpId }, help) : null,
  );
}

/** The filled part of a coverage bar; width set through the CSSOM, which strict CSPs allow. */
function barFill(share: number): HTMLElement {
  const fill = h('span');
  fill.style.width = `${Math.round(share * 100)}%`;
  return fill;
}

export class PlanView {
  readonly el: HTMLElement;
  private credentials: CredentialInfo[] = [];
  private readonly form: HTMLFormElement;
  private readonly credential: HTMLSelectElement;
  private readonly earnedBox: HTMLElement;
  private readonly transcript: HTMLTextAreaElement;
  private readonly transcriptErrors: HTMLElement;
  private readonly budget: HTMLInputElement;
  private readonly maxHours: HTMLInputElement;
  private readonly cycleEnd: HTMLInputElement;
  private readonly member: HTMLInputElement;
  private readonly formatBoxes: HTMLInputElement[];
  private readonly submit: HTMLButtonElement;
  private readonly output: HTMLElement;
  private earnedInputs = new Map<string, HTMLInputElement>();
  /** "I already have" checkboxes, one per bundle the providers list; filled once providers are known. */
  private readonly ownedBox: HTMLElement = h('fieldset', { hidden: true });
  private ownedBoxes: HTMLInputElement[] = [];
  private inFlight: AbortController | undefined;
  private lastRequest: RecommendationRequest | undefined;

  constructor(private readonly ctx: WidgetContext) {
    const { t } = ctx.loc;
    this.credential = h('select', { onChange: () => this.renderEarned() });
    this.earnedBox = h('div', { class: 'grid3' });
    this.transcript = h('textarea', {
      rows: 4,
      spellcheck: 'false',
      placeholder: '2025-03-01, 2 clinical AAMA, Phlebotomy Basics',
    });
    this.transcriptErrors = h('ul', { class: 'errors', id: uid('te'), hidden: true });
    const money = { type: 'number', inputmode: 'decimal', min: '0', step: '1' };
    this.budget = h('input', money);
    this.maxHours = h('input', { ...money, step: '0.5' });
    this.cycleEnd = h('input', { type: 'date' });
    this.member = h('input', { type: 'checkbox' });
    this.formatBoxes = FORMATS.map((f) => h('input', { type: 'checkbox', value: f, checked: true }));
    this.submit = h('button', { type: 'submit', class: 'primary' }, t.makePlan);
    this.output = h('div', { class: 'plan', tabindex: '-1' });
    const transcriptField = field(t.transcriptLabel, this.transcript, t.transcriptHelp, 'field wide');
    transcriptField.append(this.transcriptErrors);
    this.transcript.setAttribute(
      'aria-describedby',
      `${this.transcript.getAttribute('aria-describedby') ?? ''} ${this.transcriptErrors.id}`.trim(),
    );
    const memberId = uid('m');
    this.member.id = memberId;
    this.form = h(
      'form',
      {
        class: 'plan-form',
        novalidate: true,
        onSubmit: (e: Event) => {
          e.preventDefault();
          void this.run();
        },
      },
      h('p', { class: 'wide muted' }, t.planIntro),
      field(t.chooseCredential, this.credential),
      h(
        'fieldset',
        { class: 'wide' },
        h('legend', null, t.earnedLegend),
        h('small', { class: 'help' }, t.earnedHelp),
        this.earnedBox,
      ),
      transcriptField,
      h(
        'fieldset',
        { class: 'wide' },
        h('legend', null, t.preferences),
        h(
          'div',
          { class: 'grid3' },
          field(t.budget, this.budget),
          field(t.planMaxHours, this.maxHours),
          field(t.cycleEnd, this.cycleEnd),
        ),
        h('p', { class: 'opt' }, this.member, h('label', { for: memberId }, t.member)),
        this.ownedBox,
        h(
          'fieldset',
          null,
          h('legend', null, t.formatsLegend),
          h(
            'div',
            { class: 'checks' },
            this.formatBoxes.map((box) => {
              box.id = uid('fmt');
              return h(
                'span',
                { class: 'opt' },
                box,
                h('label', { for: box.id }, t.formats[box.value] ?? box.value),
              );
            }),
          ),
        ),
      ),
      h('div', { class: 'wide actions' }, this.submit),
    );
    this.el = h('div', null, h('h2', { class: 'sr' }, t.tabPlan), this.form, this.output);
  }

  /** Offers the known bundles (subscriptions, memberships) as "already have": their courses then cost nothing. */
  setBundles(bundles: { id: string; title: string }[]): void {
    const { t } = this.ctx.loc;
    const offered = this.ctx.providerLock
      ? bundles.filter((b) => b.id.startsWith(`${this.ctx.providerLock}:`))
      : bundles;
    const checked = new Set(this.ownedBoxes.filter((b) => b.checked).map((b) => b.value));
    this.ownedBoxes = offered.map((b) =>
      h('input', { type: 'checkbox', value: b.id, id: uid('own'), checked: checked.has(b.id) }),
    );
    replace(
      this.ownedBox,
      h('legend', null, t.bundlesOwned),
      h(
        'div',
        { class: 'checks' },
        this.ownedBoxes.map((box, i) =>
          h('span', { class: 'opt' }, box, h('label', { for: box.id }, offered[i]?.title ?? box.value)),
        ),
      ),
    );
    this.ownedBox.hidden = offered.length === 0;
  }

  /** Cancels a plan request in flight. */
  stop(): void {
    this.inFlight?.abort();
  }

  /** Loads the credentials (their requirements shape the "already earned" fields). */
  async start(): Promise<void> {
    try {
      this.credentials = await this.ctx.api.credentials();
    } catch (error) {
      this.showProblem(this.ctx.loc.t.planFailed, problemText(this.ctx, error), () => void this.start());
      return;
    }
    replace(
      this.credential,
      this.credentials.map((c) =>
        h('option', { value: c.id, selected: c.id === this.ctx.credential }, `${c.id} — ${c.name}`),
      ),
    );
    replace(this.output);
    this.renderEarned();
  }

  private renderEarned(): void {
    const { t } = this.ctx.loc;
    const rule = this.credentials.find((c) => c.id === this.credential.value);
    const previous = new Map([...this.earnedInputs].map(([k, input]) => [k, input.value]));
    this.earnedInputs = new Map();
    const fields = (rule?.requirements ?? [])
      .filter((r) => EARNED_KEYS.has(r.id))
      .map((r) => {
        const input = h('input', {
          type: 'number',
          inputmode: 'decimal',
          min: '0',
          step: '0.25',
          placeholder: '0',
        });
        input.value = previous.get(r.id) ?? '';
        this.earnedInputs.set(r.id, input);
        return field(t.earnedField(t.earnedNames[r.id] ?? r.label, this.ctx.loc.number(r.min)), input);
      });
    replace(this.earnedBox, fields);
  }

  /** The request the form describes, or null after showing the transcript lines it could not read. */
  private request(): RecommendationRequest | null {
    const { t } = this.ctx.loc;
    const credential = this.credential.value as RecommendationRequest['credential'];
    const request: RecommendationRequest = { credential };
    const parsed = parseTranscript(this.transcript.value);
    replace(
      this.transcriptErrors,
      parsed.problems.map((p) =>
        h(
          'li',
          null,
          t.transcriptError(p.line, p.reason === 'date' ? t.transcriptBadDate : t.transcriptBadPoints),
        ),
      ),
    );
    this.transcriptErrors.hidden = parsed.problems.length === 0;
    this.transcript.setAttribute('aria-invalid', String(parsed.problems.length > 0));
    if (parsed.problems.length) {
      this.transcript.focus();
      return null;
    }
    // A pasted transcript is the more precise record; when there is one, the per-area numbers are not sent.
    if (parsed.activities.length) request.activities = parsed.activities;
    else {
      const earned: Record<string, number> = {};
      for (const [key, input] of this.earnedInputs) {
        const value = Number(input.value);
        if (input.value.trim() !== '' && Number.isFinite(value) && value >= 0)
          earned[key] = Math.round(value * 100) / 100;
      }
      if (Object.keys(earned).length) request.earned = earned;
    }
    if (this.cycleEnd.value) request.cycleEnd = this.cycleEnd.value;
    const preferences: NonNullable<RecommendationRequest['preferences']> = {};
    const budget = Number(this.budget.value);
    if (this.budget.value.trim() !== '' && Number.isFinite(budget) && budget >= 0)
      preferences.budgetCents = Math.round(budget * 100);
    const maxHours = Number(this.maxHours.value);
    if (this.maxHours.value.trim() !== '' && Number.isFinite(maxHours) && maxHours >= 0)
      preferences.maxHours = maxHours;
    if (this.member.checked) preferences.memberships = ['AAMA'];
    const owned = this.ownedBoxes.filter((b) => b.checked).map((b) => b.value);
    if (owned.length) preferences.bundlesOwned = owned;
    const formats = this.formatBoxes.filter((b) => b.checked).map((b) => b.value);
    if (formats.length < FORMATS.length)
      preferences.formats = formats as NonNullable<typeof preferences.formats>;
    if (this.ctx.providerLock) preferences.providers = [this.ctx.providerLock];
    if (Object.keys(preferences).length) request.preferences = preferences;
    return request;
  }

  private async run(): Promise<void> {
    const { t } = this.ctx.loc;
    const request = this.request();
    if (!request) return;
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    this.submit.disabled = true;
    replace(
      this.output,
      h('p', { class: 'muted' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t.planning),
    );
    this.ctx.announce(t.planning);
    try {
      const rec = await this.ctx.api.recommend(request, controller.signal);
      this.lastRequest = request;
      this.renderPlan(rec);
      // Bring the answer into view (on a phone it is below the form) and move reading focus to it.
      this.output.focus({ preventScroll: true });
      this.output.scrollIntoView({
        block: 'start',
        behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth',
      });
      this.ctx.announce(
        rec.feasible
          ? t.planReady(this.ctx.loc.money(rec.plan.totalCostCents), hoursText(this.ctx, rec.plan.totalHours))
          : t.infeasibleTitle,
      );
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      this.showProblem(t.planFailed, problemText(this.ctx, error), () => void this.run());
      this.ctx.announce(t.planFailed);
    } finally {
      if (this.inFlight === controller) this.submit.disabled = false;
    }
  }

  private showProblem(title: string, message: string, retry: () => void): void {
    replace(
      this.output,
      h(
        'div',
        { class: 'state error', role: 'alert' },
        h('h3', null, title),
        h('p', null, message),
        h('button', { type: 'button', onClick: retry }, this.ctx.loc.t.retry),
      ),
    );
  }

  private via(step: Step, rec: Recommendation): string {
    const { t } = this.ctx.loc;
    if (step.via === 'purchase') return t.viaPurchase;
    if (step.via === 'member-price') return t.viaMember;
    const id = step.via.slice('bundle:'.length);
    const title = rec.plan.bundles.find((b) => b.id === id)?.title ?? this.ctx.bundles.get(id)?.title ?? id;
    return t.viaBundle(title);
  }

  private stepMeta(step: Step, rec: Recommendation): string {
    const { t, money, number } = this.ctx.loc;
    const points = step.credits
      .map((c) => `${number(c.points)} ${(t.categories[c.category] ?? c.category).toLowerCase()}`)
      .join(', ');
    return [
      providerName(this.ctx, step.provider),
      hoursText(this.ctx, step.hours),
      points,
      `${this.via(step, rec)}: ${step.costCents === 0 ? t.free : money(step.costCents)}`,
    ]
      .filter(Boolean)
      .join(' · ');
  }

  private renderPlan(rec: Recommendation): void {
    const { t, money, number } = this.ctx.loc;
    const { plan } = rec;
    const parts: Child[] = [];
    if (!rec.feasible) {
      parts.push(
        h(
          'div',
          { class: 'alert', role: 'alert' },
          h('h3', null, t.infeasibleTitle),
          h(
            'ul',
            null,
            (rec.shortfall ?? []).map((s) =>
              h(
                'li',
                null,
                t.shortfall(number(s.missing), t.requirementNames[s.requirement] ?? s.requirement),
              ),
            ),
          ),
          rec.withoutLimits
            ? h(
                'p',
                null,
                t.withoutLimits(
                  money(rec.withoutLimits.totalCostCents),
                  hoursText(this.ctx, rec.withoutLimits.totalHours),
                ),
              )
            : null,
          h('p', null, t.infeasibleHelp),
        ),
      );
    } else if (plan.steps.length === 0) {
      parts.push(h('div', { class: 'state' }, h('h3', null, t.nothingNeeded)));
    }
    if (plan.steps.length) {
      parts.push(
        h(
          'div',
          { class: 'totals' },
          stat(t.totalCost, money(plan.totalCostCents), { 'data-testid': 'total-cost' }),
          stat(t.totalHours, hoursText(this.ctx, plan.totalHours)),
          stat(t.steps, plan.steps.length),
        ),
      );
      // A proven cost is "cheapest possible" even when the hours tie-break ran out of time.
      if (rec.feasible && (rec.optimal || rec.costProven))
        parts.push(h('p', null, h('span', { class: 'badge' }, `✓ ${t.optimal}`)));
      else if (rec.feasible) parts.push(h('p', { class: 'muted' }, t.notOptimal(money(rec.lowerBoundCents))));
      const next = plan.steps[0];
      if (next && rec.feasible) {
        parts.push(
          h(
            'section',
            { class: 'next', 'aria-label': t.takeNext },
            h('p', { class: 'kicker' }, t.takeNext),
            h('h3', null, linkOrText(next.url, next.title)),
            h('p', { class: 'muted' }, this.stepMeta(next, rec)),
            next.why ? h('p', null, next.why) : null,
          ),
        );
      }
    }
    if (plan.coverage.length) {
      parts.push(
        listSection(
          t.coverage,
          'ul',
          'bars',
          plan.coverage.map((c) => {
            const name = t.requirementNames[c.requirement] ?? c.requirement;
            const share = c.remaining <= 0 ? 1 : Math.min(1, c.planned / c.remaining);
            const text =
              c.remaining <= 0 ? t.alreadyMet : t.coverageValue(number(c.planned), number(c.remaining));
            return h(
              'li',
              null,
              h('div', { class: 'bar-label' }, h('span', null, name), h('span', { class: 'muted' }, text)),
              h(
                'div',
                {
                  class: share < 1 ? 'bar short' : 'bar',
                  role: 'progressbar',
                  'aria-label': name,
                  'aria-valuemin': 0,
                  'aria-valuemax': 100,
                  'aria-valuenow': Math.round(share * 100),
                  'aria-valuetext': text,
                },
                barFill(share),
              ),
            );
          }),
        ),
      );
    }
    if (plan.bundles.length) {
      parts.push(
        listSection(
          t.bundlesToBuy,
          'ul',
          'bundles',
          plan.bundles.map((b) =>
            h(
              'li',
              null,
              h('strong', null, linkOrText(b.url, b.title)),
              ` — ${money(b.priceCents)}`,
              h(
                'div',
                { class: 'muted' },
                [
                  b.unlocks !== undefined ? t.unlocks(b.unlocks) : '',
                  b.savesCents ? t.saves(money(b.savesCents)) : '',
                  b.why ?? '',
                ]
                  .filter(Boolean)
                  .join(' · '),
              ),
            ),
          ),
        ),
      );
    }
    if (plan.steps.length) {
      parts.push(
        listSection(
          t.stepsInOrder,
          'ol',
          'steps',
          plan.steps.map((step) =>
            h(
              'li',
              null,
              h('strong', null, linkOrText(step.url, step.title)),
              h('div', { class: 'muted' }, this.stepMeta(step, rec)),
              step.why ? h('div', { class: 'why' }, step.why) : null,
            ),
          ),
        ),
      );
      parts.push(this.actions(rec));
    }
    // Not worth a word when nothing was needed; otherwise it says why a plan may cost more than a search suggests.
    const leftOut = rec.feasible && plan.steps.length === 0 ? '' : this.leftOutText(rec);
    const notes = rec.notes ?? [];
    if (notes.length)
      parts.push(
        h(
          'ul',
          { class: 'muted' },
          notes.map((n) => h('li', null, n)),
        ),
      );
    if (leftOut) parts.push(h('p', { class: 'muted left-out', 'data-testid': 'left-out' }, leftOut));
    replace(this.output, parts);
  }

  /** "12 catalog courses were left out of planning: 5 without credits, …"; empty when none were. */
  private leftOutText(rec: Recommendation): string {
    const { t } = this.ctx.loc;
    // Read defensively: an API older than partial courses sends no `leftOut`.
    const out = (rec as Partial<Recommendation>).leftOut;
    const count = (n: number | undefined) => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0);
    if (!out || count(out.courses) === 0) return '';
    const reasons = [
      count(out.noCredits) ? t.leftOutNoCredits(count(out.noCredits)) : '',
      count(out.noHours) ? t.leftOutNoHours(count(out.noHours)) : '',
      count(out.noUsPrice) ? t.leftOutNoUsPrice(count(out.noUsPrice)) : '',
    ].filter(Boolean);
    return t.leftOut(count(out.courses), reasons.join(', '));
  }

  private actions(rec: Recommendation): HTMLElement {
    const { t } = this.ctx.loc;
    const file = `ceu-plan-${rec.credential}`;
    return h(
      'div',
      { class: 'actions', 'data-print': 'hide' },
      h('button', { type: 'button', onClick: () => printNode(this.output, t.tabPlan) }, t.print),
      h(
        'button',
        { type: 'button', onClick: () => this.download(`${file}.csv`, 'text/csv', planToCsv(rec)) },
        t.downloadCsv,
      ),
      h(
        'button',
        {
          type: 'button',
          onClick: () =>
            this.download(
              `${file}.ics`,
              'text/calendar',
              planToIcs(rec, {
                now: new Date(),
                cycleEnd: this.lastRequest?.cycleEnd as string | undefined,
                reminder: t.reminder,
              }),
            ),
        },
        t.downloadIcs,
      ),
    );
  }

  private download(name: string, type: string, text: string): void {
    const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
    const a = h('a', { href: url, download: name, hidden: true });
    this.ctx.root.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
