import type { ApiClient, BundleInfo, ProviderInfo } from './api-client.ts';
import type { Locale } from './i18n.ts';

/** What the element hands its two views: the API, the labels, the live region and the embedding presets. */
export interface WidgetContext {
  api: ApiClient;
  loc: Locale;
  root: ShadowRoot;
  /** Says a message through the polite live region (result counts, plan ready). */
  announce(message: string): void;
  /** `provider` attribute: every search and plan is limited to this provider. */
  providerLock: string | null;
  /** `credential` attribute: the credential preset in filters and the plan form. */
  credential: string | null;
  providers: Map<string, ProviderInfo>;
  bundles: Map<string, BundleInfo>;
}

/** A provider's display name, or its id when the providers list is not (yet) known. */
export function providerName(ctx: WidgetContext, id: string): string {
  return ctx.providers.get(id)?.name ?? id;
}

/** A bundle's display title, or its id. */
export function bundleName(ctx: WidgetContext, id: string): string {
  return ctx.bundles.get(id)?.title ?? id;
}

/**
 * Hours with at most two decimals, localised; empty when not known (a partial listing publishes none), so
 * callers leave it out rather than show "0 hours" or "NaN hours".
 */
export function hoursText(ctx: WidgetContext, hours: number | undefined): string {
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0) return '';
  return ctx.loc.t.hours(ctx.loc.number(hours));
}

/** A short explanation of an API failure that tells the person what to do. */
export function problemText(ctx: WidgetContext, error: unknown): string {
  const e = error as { status?: number; detail?: string; errors?: { path: string; message: string }[] };
  if (!e || e.status === 0 || e.status === undefined) return ctx.loc.t.errorUnreachable;
  const details = (e.errors ?? []).map((x) => (x.path ? `${x.path}: ${x.message}` : x.message));
  return [e.detail, ...details].filter(Boolean).join(' ') || ctx.loc.t.errorUnreachable;
}
