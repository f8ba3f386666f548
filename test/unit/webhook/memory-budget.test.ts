import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { MemoryBudget } from '../../../webhook/server/memory-budget.ts';
import { maxQueueWaitMs, parseGoDuration } from '../../../webhook/server/queue-wait.ts';
import { requestCost } from '../../../webhook/server/request-cost.ts';

/** A request in a test: what happened to it so far. */
function request(budget: MemoryBudget, log: string[], name: string, cost: number, maxWaitMs = 1000) {
  return budget.reserve(cost, maxWaitMs, {
    granted: () => log.push(`${name} granted`),
    expired: () => log.push(`${name} expired`),
  });
}

describe('MemoryBudget', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  test('grants at once what fits, queues the rest, and grants it in arrival order as memory comes back', () => {
    const budget = new MemoryBudget(100);
    const log: string[] = [];
    const a = request(budget, log, 'a', 60);
    const b = request(budget, log, 'b', 50);
    const c = request(budget, log, 'c', 10);
    // c would fit, but b came first: first come, first served (a large request is never starved).
    expect(log).toEqual(['a granted']);
    expect([budget.inUse, budget.waiting]).toEqual([60, 2]);
    a.release();
    expect(log).toEqual(['a granted', 'b granted', 'c granted']);
    expect([budget.inUse, budget.waiting]).toEqual([60, 0]);
    b.release();
    c.release();
    c.release();
    expect(budget.inUse).toBe(0);
  });

  test('a request larger than the whole budget runs alone, once nothing else holds any', () => {
    const budget = new MemoryBudget(100);
    const log: string[] = [];
    const small = request(budget, log, 'small', 10);
    const huge = request(budget, log, 'huge', 500);
    expect(log).toEqual(['small granted']);
    small.release();
    expect(log).toEqual(['small granted', 'huge granted']);
    expect(budget.inUse).toBe(100);
    request(budget, log, 'next', 1);
    expect(log).toHaveLength(2);
    huge.release();
    expect(log).toEqual(['small granted', 'huge granted', 'next granted']);
  });

  test('a waiter whose deadline passes expires, and those behind it move up', () => {
    const budget = new MemoryBudget(100);
    const log: string[] = [];
    request(budget, log, 'a', 70);
    request(budget, log, 'b', 80, 500);
    request(budget, log, 'c', 30, 5000);
    jest.advanceTimersByTime(499);
    expect(log).toEqual(['a granted']);
    jest.advanceTimersByTime(1);
    expect(log).toEqual(['a granted', 'b expired', 'c granted']);
    expect([budget.inUse, budget.waiting]).toEqual([100, 0]);
  });

  test('a waiter that leaves (its client went away) holds nothing and never runs', () => {
    const budget = new MemoryBudget(100);
    const log: string[] = [];
    const a = request(budget, log, 'a', 100);
    const b = request(budget, log, 'b', 100);
    b.release();
    expect(budget.waiting).toBe(0);
    a.release();
    jest.advanceTimersByTime(5000);
    expect(log).toEqual(['a granted']);
    expect(budget.inUse).toBe(0);
  });
});

describe('queue wait and request cost', () => {
  test("the API server's timeout parameter, less a second to answer; 10 s less one without it", () => {
    expect(parseGoDuration('5s')).toBe(5000);
    expect(parseGoDuration('1m30s')).toBe(90_000);
    expect(parseGoDuration('2.5s')).toBe(2500);
    expect(parseGoDuration('500ms')).toBe(500);
    for (const bad of ['', '5', 's', '5x', '-1s', '1s ', 'x'.repeat(100)]) expect(parseGoDuration(bad)).toBeUndefined();
    expect(maxQueueWaitMs('5s')).toBe(4000);
    expect(maxQueueWaitMs('30s')).toBe(29_000);
    expect(maxQueueWaitMs('1s')).toBe(250);
    expect(maxQueueWaitMs(undefined)).toBe(9000);
    expect(maxQueueWaitMs(['5s', '6s'])).toBe(9000);
  });

  test('the cost grows with the body, a body without a length costs as much as the largest allowed', () => {
    expect(requestCost(5000, 8 << 20)).toBeLessThan(requestCost(50_000, 8 << 20));
    expect(requestCost(undefined, 8 << 20)).toBe(requestCost(8 << 20, 8 << 20));
    expect(requestCost(1 << 30, 8 << 20)).toBe(requestCost(8 << 20, 8 << 20));
  });
});
