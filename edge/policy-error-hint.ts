/**
 * What to do about a policy key the schema refused, in one line or two: the levels and where the
 * list of rules is, the keys of `lint:`. Keyed by the shape of the key PolicyError names.
 */
export function policyErrorHint(key: string): string[] {
  if (/^rules\.[^.]+(\.level)?$/.test(key))
    return [
      'hint: a level is one of off, info, warn (or warning), deny (or error), or { level: …, options: {…} }',
      'hint: `kubectl job-x rules` lists the rule ids; `kubectl job-x rules ID` shows a rule and its options',
    ];
  if (key.startsWith('rules.')) return ['hint: `kubectl job-x rules ID` shows the rule and its options'];
  if (key.startsWith('lint'))
    return [
      'hint: lint: takes exclude, chartTemplates, render {helm, kustomize, helmValues}, kubeVersion, baseline, output, maxWarnings, fixHints',
    ];
  if (key === 'apiVersion' || key === 'kind' || key === '(top level)')
    return ['hint: a policy file starts with apiVersion: job-x.dev/v1alpha1 and kind: Policy'];
  return ['hint: see schemas/policy.schema.json for the keys a policy file takes'];
}
