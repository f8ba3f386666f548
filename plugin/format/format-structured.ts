// `-o json` and `-o yaml` of the live views: the output document itself, nothing dropped.

export type StructuredFormat = 'json' | 'yaml';

/** JSON indented by two spaces, as kubectl prints it; YAML never folds long lines. */
export async function formatStructured(document: unknown, format: StructuredFormat): Promise<string> {
  if (format === 'json') return `${JSON.stringify(document, null, 2)}\n`;
  // Loaded only when asked for: the YAML package is a tenth of the CLI's start-up.
  const { yamlPackage } = await import('../../edge/yaml-package.ts');
  return yamlPackage().stringify(document, { lineWidth: 0 });
}
