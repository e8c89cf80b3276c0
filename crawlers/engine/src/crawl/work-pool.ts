/**
 * Runs `work` over a queue that grows while it runs (pages discovered by pages), at most `concurrency` at
 * once, first in first out. Resolves when the queue is empty and nothing is running, or `stop()` is true.
 */
export async function runWorkPool<T>(
  initial: T[],
  concurrency: number,
  work: (item: T, push: (item: T) => void) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<void> {
  const pending = [...initial];
  let active = 0;
  let sleepers: (() => void)[] = [];
  const wake = () => {
    const waiting = sleepers;
    sleepers = [];
    for (const resume of waiting) resume();
  };
  const push = (item: T) => {
    pending.push(item);
    wake();
  };
  const worker = async () => {
    for (;;) {
      if (stop()) return;
      const item = pending.shift();
      if (item === undefined) {
        if (active === 0) {
          wake();
          return;
        }
        await new Promise<void>((resolve) => sleepers.push(resolve));
        continue;
      }
      active++;
      try {
        await work(item, push);
      } finally {
        active--;
        wake();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
