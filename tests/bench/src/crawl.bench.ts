/**
 * Crawl benchmark: a full crawl of the three replica sites (no delay, the per-host limit of 2 still on)
 * into a fresh store, then a recrawl (conditional requests, mostly 304). Prints a markdown table of time,
 * requests and peak memory. Run: `pnpm bench crawl`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteCatalogStore } from '@ceu/store';
import { BrowserSession, crawlProviders, type CrawlReport } from '@ceu/crawl-engine';
import { aamaAdapter, aceAdapter, reliasAdapter } from '@ceu/providers';
import { startReplicas } from '@ceu/replicas';

/** Resident memory of this process and, separately, the proportional set size of its descendants (Chromium), from /proc. */
function memory(): { node: number; children: number } {
  const node = process.memoryUsage.rss();
  let children = 0;
  try {
    const parents = new Map<number, number>();
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        parents.set(Number(entry), Number(fields[1]));
      } catch {
        // The process ended while we looked.
      }
    }
    const isDescendant = (pid: number): boolean => {
      for (let p = parents.get(pid), depth = 0; p !== undefined && depth < 50; p = parents.get(p), depth++) {
        if (p === process.pid) return true;
      }
      return false;
    };
    for (const pid of parents.keys()) {
      if (!isDescendant(pid)) continue;
      try {
        // PSS shares pages between Chromium's processes instead of counting them once per process.
        const pss = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1];
        if (pss) children += Number(pss) * 1024;
      } catch {
        // Gone.
      }
    }
  } catch {
    // No /proc (not Linux): children stay 0.
  }
  return { node, children };
}

async function measure(run: () => Promise<CrawlReport>) {
  let peak = memory();
  const timer = setInterval(() => {
    const now = memory();
    peak = { node: Math.max(peak.node, now.node), children: Math.max(peak.children, now.children) };
  }, 100);
  const started = performance.now();
  try {
    const report = await run();
    return { report, ms: performance.now() - started, peak };
  } finally {
    clearInterval(timer);
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceu-crawl-bench-'));
const store = SqliteCatalogStore.open(dir);
const replicas = await startReplicas();
const browser = new BrowserSession();
const adapters = [aceAdapter, reliasAdapter, aamaAdapter];
const quiet = { info: () => undefined, warn: (m: string) => process.stderr.write(`${m}\n`) };
const rows: string[] = [];
try {
  for (const name of ['full crawl', 'recrawl']) {
    const before = replicas.stats();
    const { report, ms, peak } = await measure(() =>
      crawlProviders({ adapters, baseUrls: replicas.baseUrls, store, noDelay: true, browser, logger: quiet }),
    );
    const after = replicas.stats();
    const sum = (pick: (s: CrawlReport['summaries'][number]) => number) =>
      report.summaries.reduce((n, s) => n + pick(s), 0);
    const crawlerRequests = report.results.reduce((n, r) => n + r.counters.requests, 0);
    const outcomes = report.summaries.map((s) => `${s.provider} ${s.outcome}`).join(', ');
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
    rows.push(
      `| ${name} | ${(ms / 1000).toFixed(1)} | ${sum((s) => s.pagesFetched)} | ${sum((s) => s.notModified)} | ${crawlerRequests} | ${after.requests - before.requests} | ${sum((s) => s.found)} | ${sum((s) => s.new)} / ${sum((s) => s.changed)} / ${sum((s) => s.retired)} | ${mb(peak.node)} | ${mb(peak.children)} | ${outcomes} |`,
    );
  }
} finally {
  await browser.close();
  await replicas.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

console.log(
  'Crawl of the three replica sites on 127.0.0.1 (no delay; at most 2 requests at once to the one host they share).',
);
console.log(
  'Requests: page requests the crawler made (browser pages count once) and every request the server answered',
);
console.log(
  '(robots.txt and the rendered pages’ scripts and API calls included). Memory: peak RSS of the Node process (crawler and the in-process replica server),\npeak PSS of the Chromium processes together.\n',
);
console.log(
  '| run | time (s) | pages | 304s | crawler requests | server requests | courses found | new / changed / retired | peak RSS Node (MB) | peak PSS Chromium (MB) | outcomes |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |');
for (const row of rows) console.log(row);
