/** The product token robots.txt groups are matched against (RFC 9309 §2.2.1). */
export const CRAWLER_PRODUCT_TOKEN = 'CEU-Finder';

/** Sent with every request: who we are and how to reach us, so a site owner can complain or opt out. */
export const DEFAULT_USER_AGENT = `${CRAWLER_PRODUCT_TOKEN}/0.1 (+https://github.com/ceu-finder/ceu-finder; crawler@ceu-finder.org)`;
