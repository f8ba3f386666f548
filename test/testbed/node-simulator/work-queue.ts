// A keyed work queue in the spirit of client-go's: one sync at a time per key, bursts of watch
// events for a key collapse into one more sync, and each sync says when it wants to run again
// (one timer per key, replaced by every sync's answer).
import { log } from './log.ts';

export type SyncHandler = (key: string) => Promise<number | undefined>;

const RETRY_AFTER_ERROR_MS = 1000;

export class WorkQueue {
  private readonly handler: SyncHandler;
  private readonly running = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(handler: SyncHandler) {
    this.handler = handler;
  }

  add(key: string): void {
    if (this.stopped) return;
    if (this.running.has(key)) {
      this.dirty.add(key);
      return;
    }
    void this.process(key);
  }

  forget(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.dirty.delete(key);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async process(key: string): Promise<void> {
    this.running.add(key);
    try {
      do {
        this.dirty.delete(key);
        let wakeAt: number | undefined;
        try {
          wakeAt = await this.handler(key);
        } catch (err) {
          log(`sync of ${key} failed, retrying: ${err instanceof Error ? err.message : String(err)}`);
          wakeAt = Date.now() + RETRY_AFTER_ERROR_MS;
        }
        this.schedule(key, wakeAt);
      } while (this.dirty.has(key) && !this.stopped);
    } finally {
      this.running.delete(key);
    }
  }

  private schedule(key: string, wakeAt: number | undefined): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    if (wakeAt === undefined || this.stopped) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(key);
        this.add(key);
      },
      Math.max(0, wakeAt - Date.now()),
    );
    this.timers.set(key, timer);
  }
}
