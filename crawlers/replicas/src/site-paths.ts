/** Where each replica site puts its records, relative to the site's base URL. Truth and server share these. */

export const PROVIDER_IDS = ['aama', 'relias', 'ace'] as const;
export type ReplicaProviderId = (typeof PROVIDER_IDS)[number];

/** The providers' public sites: the adapters' default base URLs and the sample catalog's URLs. */
export const PUBLIC_BASE_URLS: Record<ReplicaProviderId, string> = {
  aama: 'https://www.aama-ntl.org/e-learning/',
  relias: 'https://www.reliasacademy.com/',
  ace: 'https://www.annalsofce.com/',
};

export const PROVIDER_NAMES: Record<ReplicaProviderId, string> = {
  aama: 'AAMA e-Learning Center',
  relias: 'Relias Academy',
  ace: 'ACE (Annals of Continuing Education)',
};

/** A base URL with exactly one trailing slash, so relative paths resolve beneath it. */
export function withSlash(baseUrl: string): string {
  return baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
}

export const sitePaths = {
  ace: {
    course: (key: string) => `courses/${key}`,
    listing: 'courses',
    membership: 'membership',
  },
  relias: {
    course: (key: string) => `courses/${key}`,
    catalog: 'catalog',
    allAccess: 'all-access',
  },
  aama: {
    item: (key: string) => `catalog/item/${key}`,
    catalog: 'catalog',
    conference: 'annual-conference',
  },
} as const;

/** The key part of a record id (`ace:abc` → `abc`). */
export function keyOfId(id: string): string {
  return id.slice(id.indexOf(':') + 1);
}
