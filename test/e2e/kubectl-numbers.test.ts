// Numbers as kubectl reads and sends them, against the real kubectl and API server: each manifest
// goes through `kubectl create --dry-run=server -f -` (sigs.k8s.io/yaml over go-yaml v2, then the
// API server's decoding) and through lint. They must agree on the verdict, and where kubectl
// prints a decode error (client side for the top-level metadata, server side for the rest) or a
// YAML-to-JSON error, lint's finding at that field must carry the same message.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { lintSource } from '../../plugin/lint/lint-source.ts';
import { resolvePolicy, RULES } from '../../policy/index.ts';
import { feedStdin } from '../helpers/feed-stdin.ts';
import { jobManifestText } from '../helpers/job-manifest-text.ts';
import { KUBECONFIG, kubectlPath } from './helpers/cluster.ts';
import { createNamespace, deleteNamespace } from './helpers/namespace.ts';

const policy = resolvePolicy(RULES, undefined);

/** Number spellings: YAML 1.1 forms go-yaml reads its own way, and the limits of int32 and int64. */
const SPELLINGS = [
  ...['3', '+5', '-0', '0o17', '0O17', '017', '08', '09.5', '0x1F', '0b11', '1_000', '1:20', '190:20:30'],
  ...['1e3', '1.0', '1.', '.5', '1.5', '2.5e-7', '1e19', '1e30', '1e400', '.inf', '-.Inf', '.nan'],
  ...['2147483647', '2147483648', '9007199254740993', '9223372036854775807', '9223372036854775808'],
  ...['18446744073709551615', '18446744073709551616', '-9223372036854775808', '-9223372036854775809'],
  ...['0x7FFFFFFFFFFFFFFF', '0x8000000000000000', '0xFFFFFFFFFFFFFFFF', '0x10000000000000000'],
  ...['9_223_372_036_854_775_807', 'yes', '~', '"3"', '2001-12-14'],
];

/** Integer fields: int32 and int64 of the Job spec, int64 of the pod spec, and the metadata kubectl decodes itself. */
const FIELDS: { readonly name: string; readonly manifest: (value: string) => string }[] = [
  { name: 'spec.completions', manifest: (v) => jobManifestText({ spec: `  completions: ${v}\n` }) },
  { name: 'spec.activeDeadlineSeconds', manifest: (v) => jobManifestText({ spec: `  activeDeadlineSeconds: ${v}\n` }) },
  {
    name: 'spec.template.spec.terminationGracePeriodSeconds',
    manifest: (v) => jobManifestText({ podSpec: `      terminationGracePeriodSeconds: ${v}\n` }),
  },
  { name: 'metadata.generation', manifest: (v) => jobManifestText({ metadata: `  generation: ${v}\n` }) },
];

let namespace: string;

beforeAll(async () => {
  namespace = await createNamespace('kubectl-numbers');
});

afterAll(async () => {
  await deleteNamespace(namespace);
});

function kubectlCreate(manifest: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      kubectlPath(),
      ['--kubeconfig', KUBECONFIG, '-n', namespace, 'create', '--dry-run=server', '-f', '-'],
      { encoding: 'utf8' },
      (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
    );
    feedStdin(child.stdin, manifest);
  });
}

describe('lint reads and judges numbers as kubectl and the API server do', () => {
  const cases = FIELDS.flatMap((field) => SPELLINGS.map((spelling) => [field.name, spelling, field] as const));

  test.each(cases)('%s: %s', async (fieldName, spelling, field) => {
    const manifest = field.manifest(spelling);
    const kubectl = await kubectlCreate(manifest);
    const findings = lintSource('numbers.yaml', manifest, policy).results.flatMap((r) => r.findings);
    const refusals = findings.filter(
      (f) => f.severity === 'error' && (f.origin === 'apiserver' || f.origin === 'parser'),
    );
    const context = `kubectl exit ${kubectl.code}: ${kubectl.stderr.trim()}\nlint: ${refusals.map((f) => `${f.ruleId} ${f.path} ${f.message}`).join('; ') || '(accepts)'}`;
    expect({ refused: refusals.length > 0, context }).toEqual({ refused: kubectl.code !== 0, context });

    // kubectl's own wording of what it could not read or send: lint must say the same.
    const decode = /json: cannot unmarshal .*|error converting YAML to JSON: .*/.exec(kubectl.stderr)?.[0];
    if (decode === undefined) return;
    const atField = refusals.filter((f) => f.origin === 'parser' || f.path === fieldName);
    expect({ context, found: atField.some((f) => decode.includes(f.message)) }).toEqual({ context, found: true });
  });
});
