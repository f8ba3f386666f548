/** What a render gave: its output, or why there is none (the tool failed, took too long, said too much). */
export type ToolOutcome = { readonly stdout: string } | { readonly failure: string };

export interface ToolLimits {
  readonly timeoutMs: number;
  readonly maxOutputBytes: number;
}

/** The most of a tool's error output kept for the finding that reports its failure. */
const MAX_STDERR_BYTES = 16 * 1024;

/**
 * Runs a renderer (helm, kubectl, kustomize) with no shell and no standard input, and collects
 * its output. It is stopped (SIGKILL) when it runs past the time limit or writes past the cap: a
 * chart that loops or a kustomization that pulls a large remote base must not hang lint or fill
 * its memory. Never throws: a failure is described for a finding.
 */
export async function runRenderTool(file: string, args: readonly string[], limits: ToolLimits): Promise<ToolOutcome> {
  // Loaded here, not at start-up: only a chart or a kustomization is rendered by a tool.
  const { spawn } = await import('node:child_process');
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: ToolOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const stop = (failure: string): void => {
      child.kill('SIGKILL');
      finish({ failure });
    };
    const timer = setTimeout(
      () => stop(`it did not finish within ${Math.round(limits.timeoutMs / 1000)} s and was stopped`),
      limits.timeoutMs,
    );
    const out: Buffer[] = [];
    let outBytes = 0;
    const err: Buffer[] = [];
    let errBytes = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > limits.maxOutputBytes)
        stop(`its output is larger than ${limits.maxOutputBytes / (1024 * 1024)} MiB, the most lint reads`);
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (errBytes < MAX_STDERR_BYTES) err.push(chunk.subarray(0, MAX_STDERR_BYTES - errBytes));
      errBytes += chunk.length;
    });
    child.on('error', (error) => finish({ failure: `it could not be run: ${error.message}` }));
    child.on('close', (code, signal) => {
      if (code === 0) {
        finish({ stdout: Buffer.concat(out).toString('utf8') });
        return;
      }
      // Its message on one line (helm adds blank lines and a hint about --debug).
      const said = Buffer.concat(err)
        .toString('utf8')
        .trim()
        .replace(/\s*\n\s*/g, ' ');
      const status = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
      finish({ failure: said ? `it ${status}: ${said}` : `it ${status}` });
    });
  });
}
