import { monitorEventLoopDelay } from 'node:perf_hooks';
import { GaugeFunction, type Registry } from './metrics.ts';

/**
 * The process metrics users expect from a Node service (named as prom-client's default metrics
 * name them, so existing dashboards work): CPU time, heap, event-loop lag and open handles, besides
 * resident memory and start time. The event-loop delay histogram samples every 20 ms and is
 * reset at each scrape, so its p99 covers the last scrape interval.
 */
export function registerProcessMetrics(registry: Registry): void {
  registry.register(
    new GaugeFunction('process_resident_memory_bytes', 'Resident memory size in bytes.', () =>
      process.memoryUsage.rss(),
    ),
  );
  const started = Date.now() / 1000;
  registry.register(
    new GaugeFunction(
      'process_start_time_seconds',
      'Start time of the process since the Unix epoch, in seconds.',
      () => started,
    ),
  );
  registry.register(
    new GaugeFunction('process_cpu_seconds_total', 'Total user and system CPU time spent in seconds.', () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1e6;
    }),
  );
  registry.register(
    new GaugeFunction('nodejs_heap_size_used_bytes', 'V8 heap in use, in bytes.', () => process.memoryUsage().heapUsed),
  );
  registry.register(
    new GaugeFunction(
      'nodejs_heap_size_total_bytes',
      'V8 heap reserved, in bytes.',
      () => process.memoryUsage().heapTotal,
    ),
  );
  registry.register(
    new GaugeFunction(
      'nodejs_active_handles_total',
      'Open handles and requests of the event loop (sockets, timers, watchers).',
      () => process.getActiveResourcesInfo().length,
    ),
  );
  const lag = monitorEventLoopDelay({ resolution: 20 });
  lag.enable();
  registry.register(
    new GaugeFunction(
      'nodejs_eventloop_lag_p99_seconds',
      'Event-loop delay, 99th percentile since the last scrape.',
      () => {
        const p99 = lag.count > 0 ? lag.percentile(99) / 1e9 : 0;
        lag.reset();
        return p99;
      },
    ),
  );
  registry.register(
    new GaugeFunction('nodejs_eventloop_lag_max_seconds', 'Event-loop delay, maximum since the last scrape.', () =>
      lag.count > 0 ? lag.max / 1e9 : 0,
    ),
  );
}
