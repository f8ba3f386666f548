/**
 * Prometheus metrics in the text exposition format 0.0.4, written by hand: counters, one
 * histogram and gauges read at scrape time are all the webhook needs, and a client library would
 * be a dependency for a page of code.
 */
type Labels = Readonly<Record<string, string>>;

const escapeLabelValue = (value: string): string =>
  value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function formatLabels(labels: Labels): string {
  const keys = Object.keys(labels);
  return keys.length === 0 ? '' : `{${keys.map((k) => `${k}="${escapeLabelValue(labels[k]!)}"`).join(',')}}`;
}

/** Prometheus renders +Inf and floats its own way; integers stay integers. */
function formatNumber(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return Number.isNaN(value) ? 'NaN' : String(value);
}

/** A cheap identity for a label set; the escaped text is built once per series. */
function seriesKey(labels: Labels): string {
  let key = '';
  for (const name in labels) key += `${name}\u0000${labels[name]!}\u0001`;
  return key;
}

interface Metric {
  render(): string;
}

function header(name: string, help: string, type: string): string {
  return `# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n# TYPE ${name} ${type}\n`;
}

export class Counter implements Metric {
  readonly name: string;
  readonly help: string;
  private readonly series = new Map<string, { labels: string; value: number }>();

  constructor(name: string, help: string) {
    this.name = name;
    this.help = help;
  }

  inc(labels: Labels = {}, by = 1): void {
    const key = seriesKey(labels);
    const entry = this.series.get(key);
    if (entry) entry.value += by;
    else this.series.set(key, { labels: formatLabels(labels), value: by });
  }

  get(labels: Labels = {}): number {
    return this.series.get(seriesKey(labels))?.value ?? 0;
  }

  render(): string {
    let out = header(this.name, this.help, 'counter');
    for (const { labels, value } of this.series.values()) out += `${this.name}${labels} ${formatNumber(value)}\n`;
    return out;
  }
}

export class Histogram implements Metric {
  readonly name: string;
  readonly help: string;
  readonly buckets: readonly number[];
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();

  constructor(name: string, help: string, buckets: readonly number[]) {
    this.name = name;
    this.help = help;
    this.buckets = [...buckets].sort((a, b) => a - b);
  }

  observe(labels: Labels, value: number): void {
    const key = seriesKey(labels);
    let entry = this.series.get(key);
    if (!entry) {
      entry = { labels, counts: new Array<number>(this.buckets.length).fill(0), sum: 0, count: 0 };
      this.series.set(key, entry);
    }
    // Counts per bucket are stored non-cumulative and summed when rendered.
    const i = this.buckets.findIndex((bound) => value <= bound);
    if (i >= 0) entry.counts[i]!++;
    entry.sum += value;
    entry.count++;
  }

  render(): string {
    let out = header(this.name, this.help, 'histogram');
    for (const { labels, counts, sum, count } of this.series.values()) {
      let cumulative = 0;
      this.buckets.forEach((bound, i) => {
        cumulative += counts[i]!;
        out += `${this.name}_bucket${formatLabels({ ...labels, le: formatNumber(bound) })} ${cumulative}\n`;
      });
      out += `${this.name}_bucket${formatLabels({ ...labels, le: '+Inf' })} ${count}\n`;
      out += `${this.name}_sum${formatLabels(labels)} ${formatNumber(sum)}\n`;
      out += `${this.name}_count${formatLabels(labels)} ${count}\n`;
    }
    return out;
  }
}

/**
 * A gauge whose value is read when scraped; undefined leaves the series out. Labels read when
 * scraped too (a function) name what is current, such as the hash of the policy being served.
 */
export class GaugeFunction implements Metric {
  readonly name: string;
  readonly help: string;
  private readonly read: () => number | undefined;
  private readonly labels: Labels | (() => Labels);

  constructor(name: string, help: string, read: () => number | undefined, labels: Labels | (() => Labels) = {}) {
    this.name = name;
    this.help = help;
    this.read = read;
    this.labels = labels;
  }

  render(): string {
    const value = this.read();
    return value === undefined
      ? ''
      : `${header(this.name, this.help, 'gauge')}${this.name}${formatLabels(typeof this.labels === 'function' ? this.labels() : this.labels)} ${formatNumber(value)}\n`;
  }
}

export class Registry {
  private readonly metrics: Metric[] = [];

  register<T extends Metric>(metric: T): T {
    this.metrics.push(metric);
    return metric;
  }

  render(): string {
    return this.metrics.map((m) => m.render()).join('');
  }
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
