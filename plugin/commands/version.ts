import { COMMIT, KUBERNETES_VERSION, VERSION } from '../../edge/index.ts';

export const VERSION_FORMATS = ['text', 'json', 'yaml'] as const;
export type VersionFormat = (typeof VERSION_FORMATS)[number];

/** `kubectl job-x version`: what this build is (design.md: `version -o json` is a contract). */
export async function version(output: VersionFormat, out: { write(text: string): unknown }): Promise<void> {
  const info = { version: VERSION, commit: COMMIT, kubernetes: KUBERNETES_VERSION, node: process.version };
  if (output !== 'text') {
    out.write(await (await import('../format/format-structured.ts')).formatStructured(info, output));
    return;
  }
  out.write(
    [
      `job-x version: v${info.version}`,
      `Git commit: ${info.commit}`,
      `Kubernetes rules mirror: v${info.kubernetes}`,
      `Node.js: ${info.node}`,
      '',
    ].join('\n'),
  );
}
