/**
 * A budget of bytes shared by the requests in flight, granted first come, first served. A request
 * reserves what it may cost before its body is read, and gives it back when its answer is sent;
 * until it fits it waits, with its body unread (the socket is paused, so it costs a few kilobytes),
 * up to a deadline. A request costing more than the whole budget runs alone, once nothing else holds any.
 */
export interface Reservation {
  /** Called once the bytes are granted; at most one of granted and expired is called. */
  readonly granted: () => void;
  /** Called when the deadline passes first. */
  readonly expired: () => void;
}

export interface Ticket {
  /** Returns the bytes (once granted), or leaves the queue; calling it again does nothing. */
  release(): void;
}

interface Waiter {
  readonly cost: number;
  readonly reservation: Reservation;
  timer: NodeJS.Timeout | undefined;
  /** queued → granted → released, or queued → gone (expired, or left the queue). */
  state: 'queued' | 'granted' | 'released' | 'gone';
}

export class MemoryBudget {
  readonly capacity: number;
  private used = 0;
  private readonly queue: Waiter[] = [];

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  /** Bytes reserved by the requests being served. */
  get inUse(): number {
    return this.used;
  }

  /** Requests waiting for their bytes. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Reserves `cost` bytes (at most the capacity): `granted` is called at once when they fit and
   * nobody waits, else when they do, in arrival order; `expired` after `maxWaitMs` in the queue.
   */
  reserve(cost: number, maxWaitMs: number, reservation: Reservation): Ticket {
    const waiter: Waiter = { cost: Math.min(cost, this.capacity), reservation, timer: undefined, state: 'queued' };
    if (this.queue.length === 0 && this.fits(waiter.cost)) {
      this.grant(waiter);
    } else {
      this.queue.push(waiter);
      waiter.timer = setTimeout(() => this.leave(waiter, true), maxWaitMs);
    }
    return { release: () => (waiter.state === 'granted' ? this.release(waiter) : this.leave(waiter, false)) };
  }

  private fits(cost: number): boolean {
    return this.used === 0 || this.used + cost <= this.capacity;
  }

  private grant(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    waiter.state = 'granted';
    this.used += waiter.cost;
    waiter.reservation.granted();
  }

  private release(waiter: Waiter): void {
    waiter.state = 'released';
    this.used -= waiter.cost;
    this.drain();
  }

  /** Out of the queue before its turn: its deadline passed, or its client went away. */
  private leave(waiter: Waiter, expired: boolean): void {
    if (waiter.state !== 'queued') return;
    clearTimeout(waiter.timer);
    waiter.state = 'gone';
    const at = this.queue.indexOf(waiter);
    this.queue.splice(at, 1);
    if (expired) waiter.reservation.expired();
    // It may have been the head that kept the others waiting.
    if (at === 0) this.drain();
  }

  /** Grants the waiters at the head of the queue, in order, while they fit. */
  private drain(): void {
    while (this.queue.length > 0 && this.fits(this.queue[0]!.cost)) this.grant(this.queue.shift()!);
  }
}
