import { describe, expect, test } from '@jest/globals';
import { runRenderTool } from '../../../../../plugin/lint/render/run-render-tool.ts';

// The renderer is a stand-in here (Node itself), so that the limits are tested without helm.
const node = (script: string, limits = { timeoutMs: 10_000, maxOutputBytes: 1024 * 1024 }) =>
  runRenderTool(process.execPath, ['-e', script], limits);

describe('runRenderTool', () => {
  test('gives the output of a tool that succeeds', async () => {
    await expect(node('process.stdout.write("kind: Job\\n")')).resolves.toEqual({ stdout: 'kind: Job\n' });
  });

  test('a failing tool: its exit code and its message on one line', async () => {
    const outcome = await node('process.stderr.write("Error: bad\\n\\nUse --debug\\n"); process.exit(3)');
    expect(outcome).toEqual({ failure: 'it exited with code 3: Error: bad Use --debug' });
  });

  test('a tool that runs past the time limit is stopped', async () => {
    const outcome = await node('setInterval(() => {}, 1000)', { timeoutMs: 300, maxOutputBytes: 1024 });
    expect(outcome).toEqual({ failure: expect.stringMatching(/did not finish within .* and was stopped/) });
  });

  test('a tool that writes past the cap is stopped', async () => {
    const outcome = await node('setInterval(() => process.stdout.write("x".repeat(4096)), 1)', {
      timeoutMs: 10_000,
      maxOutputBytes: 64 * 1024,
    });
    expect(outcome).toEqual({ failure: expect.stringMatching(/output is larger than .* MiB/) });
  });

  test('a tool that cannot be run is a failure, not a throw', async () => {
    const outcome = await runRenderTool('/nonexistent/helm', ['template'], { timeoutMs: 1000, maxOutputBytes: 1 });
    expect(outcome).toEqual({ failure: expect.stringMatching(/^it could not be run: .*ENOENT/) });
  });
});
