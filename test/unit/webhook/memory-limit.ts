import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A real memory limit for a child process, as a pod's container gets: a memory cgroup of its own,
 * created under the test's cgroup (v2, or v1's memory hierarchy), which the kernel enforces by
 * killing the process (SIGKILL) when it does not fit. Where no cgroup can be made (not root, no
 * memory controller, a v2 parent that holds processes), `watchdog` stands in: Node's heap is
 * capped as a container limit would cap it, and the resident size is polled and the process killed
 * above the limit.
 */
export interface MemoryLimit {
  readonly bytes: number;
  /** "cgroup v1 …", "cgroup v2 …", or "watchdog". */
  readonly kind: string;
  /** The command and arguments that start `command args` inside the limit. */
  launch(command: string, args: readonly string[]): [string, string[]];
  /** Called with the child's pid once started (the watchdog starts polling). */
  started(pid: number): void;
  /** The most memory the cgroup charged, if the kernel reports it. */
  chargedPeak(): number | undefined;
  remove(): void;
}

function ownCgroup(controller: 'memory' | ''): string | undefined {
  const lines = readFileSync('/proc/self/cgroup', 'utf8').split('\n');
  for (const line of lines) {
    const [, controllers, path] = /^\d+:([^:]*):(.*)$/.exec(line) ?? [];
    if (path === undefined) continue;
    if (controller === '' ? controllers === '' : controllers!.split(',').includes(controller)) return path;
  }
  return undefined;
}

function tryCgroupV1(bytes: number, name: string): MemoryLimit | undefined {
  const own = ownCgroup('memory');
  if (own === undefined || !existsSync('/sys/fs/cgroup/memory/memory.limit_in_bytes')) return undefined;
  const dir = join('/sys/fs/cgroup/memory', own, name);
  mkdirSync(dir);
  return configured(dir, () => {
    writeFileSync(join(dir, 'memory.limit_in_bytes'), String(bytes));
    // With swap, the limit would push pages out instead of killing: count swap in it too.
    if (existsSync(join(dir, 'memory.memsw.limit_in_bytes')))
      writeFileSync(join(dir, 'memory.memsw.limit_in_bytes'), String(bytes));
    return cgroupLimit(bytes, dir, 'cgroup v1', 'memory.max_usage_in_bytes');
  });
}

function tryCgroupV2(bytes: number, name: string): MemoryLimit | undefined {
  const own = ownCgroup('');
  if (own === undefined || !existsSync('/sys/fs/cgroup/cgroup.controllers')) return undefined;
  const parent = join('/sys/fs/cgroup', own);
  const subtree = join(parent, 'cgroup.subtree_control');
  if (!readFileSync(subtree, 'utf8').split(/\s+/).includes('memory')) writeFileSync(subtree, '+memory');
  const dir = join(parent, name);
  mkdirSync(dir);
  return configured(dir, () => {
    writeFileSync(join(dir, 'memory.max'), String(bytes));
    if (existsSync(join(dir, 'memory.swap.max'))) writeFileSync(join(dir, 'memory.swap.max'), '0');
    return cgroupLimit(bytes, dir, 'cgroup v2', 'memory.peak');
  });
}

/** Configures a cgroup just made, removing it again if that fails. */
function configured(dir: string, configure: () => MemoryLimit): MemoryLimit {
  try {
    return configure();
  } catch (error) {
    rmdirSync(dir);
    throw error;
  }
}

function cgroupLimit(bytes: number, dir: string, kind: string, peakFile: string): MemoryLimit {
  return {
    bytes,
    kind: `${kind} ${dir}`,
    // The shell moves itself into the cgroup, then becomes the command: all it allocates is charged.
    launch: (command, args) => ['sh', ['-c', 'echo $$ > "$0/cgroup.procs" && exec "$@"', dir, command, ...args]],
    started: () => undefined,
    chargedPeak: () =>
      existsSync(join(dir, peakFile)) ? Number(readFileSync(join(dir, peakFile), 'utf8')) : undefined,
    remove: () => {
      for (let attempt = 0; attempt < 50; attempt++) {
        try {
          rmdirSync(dir);
          return;
        } catch {
          // The killed process may take a moment to leave the cgroup.
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
        }
      }
    },
  };
}

/** The resident size of a process in bytes (VmRSS), or its peak (VmHWM); undefined once it is gone. */
export function residentBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Starts VmHWM afresh (Linux: "5" in /proc/PID/clear_refs); false if the kernel does not allow it. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

function watchdog(bytes: number): MemoryLimit {
  let timer: NodeJS.Timeout | undefined;
  return {
    bytes,
    kind: 'watchdog',
    // Node sizes its heap from a container's limit; without one, give it the same bound.
    launch: (command, args) => [command, [`--max-old-space-size=${Math.floor(bytes / 1048576)}`, ...args]],
    started: (pid) => {
      timer = setInterval(() => {
        const rss = residentBytes(pid, 'VmRSS');
        if (rss !== undefined && rss > bytes) process.kill(pid, 'SIGKILL');
      }, 5);
    },
    chargedPeak: () => undefined,
    remove: () => clearInterval(timer),
  };
}

/** A memory limit of `bytes` for one child process: a cgroup when one can be made, else the watchdog. */
export function createMemoryLimit(bytes: number): MemoryLimit {
  const name = `job-x-memory-test-${process.pid}`;
  for (const attempt of [tryCgroupV2, tryCgroupV1]) {
    try {
      const limit = attempt(bytes, name);
      if (limit) return limit;
    } catch {
      // Not permitted here: try the next way.
    }
  }
  return watchdog(bytes);
}
