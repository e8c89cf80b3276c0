/** Links to files that are never pages worth parsing. */
export const NOT_PAGES =
  /\.(?:pdf|jpe?g|png|gif|webp|svg|ico|zip|gz|mp[34]|mov|avi|docx?|xlsx?|pptx?|css|js|woff2?|ttf)$/i;

/** An absolute http(s) link without its fragment, or undefined. */
export function httpLink(href: string, base: string): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}
