import { describe, expect, test } from '@jest/globals';
import { Counter, GaugeFunction, Histogram, Registry } from '../../../webhook/server/metrics.ts';

describe('Prometheus text format', () => {
  test('a counter: HELP, TYPE, one line per label set, label values escaped', () => {
    const counter = new Counter('jobx_test_total', 'Things counted.');
    counter.inc({ endpoint: 'validate', result: 'denied' });
    counter.inc({ endpoint: 'validate', result: 'denied' }, 2);
    counter.inc({ rule: 'a"b\\c\nd' });
    expect(counter.get({ endpoint: 'validate', result: 'denied' })).toBe(3);
    expect(counter.render()).toBe(
      '# HELP jobx_test_total Things counted.\n# TYPE jobx_test_total counter\n' +
        'jobx_test_total{endpoint="validate",result="denied"} 3\n' +
        'jobx_test_total{rule="a\\"b\\\\c\\nd"} 1\n',
    );
  });

  test('a histogram: cumulative buckets, +Inf, sum and count', () => {
    const histogram = new Histogram('jobx_test_seconds', 'Latency.', [0.01, 0.001]);
    for (const value of [0.0005, 0.001, 0.005, 0.5]) histogram.observe({ endpoint: 'mutate' }, value);
    expect(histogram.render()).toBe(
      '# HELP jobx_test_seconds Latency.\n# TYPE jobx_test_seconds histogram\n' +
        'jobx_test_seconds_bucket{endpoint="mutate",le="0.001"} 2\n' +
        'jobx_test_seconds_bucket{endpoint="mutate",le="0.01"} 3\n' +
        'jobx_test_seconds_bucket{endpoint="mutate",le="+Inf"} 4\n' +
        'jobx_test_seconds_sum{endpoint="mutate"} 0.5065\n' +
        'jobx_test_seconds_count{endpoint="mutate"} 4\n',
    );
  });

  test('a gauge is read when rendered, and left out while it has no value', () => {
    const state: { value?: number } = {};
    const registry = new Registry();
    registry.register(new GaugeFunction('jobx_test_gauge', 'A gauge.', () => state.value, { kind: 'x' }));
    expect(registry.render()).toBe('');
    state.value = 42;
    expect(registry.render()).toBe(
      '# HELP jobx_test_gauge A gauge.\n# TYPE jobx_test_gauge gauge\njobx_test_gauge{kind="x"} 42\n',
    );
  });
});
