/**
 * Generates TypeScript types from the JSON Schemas in schemas/ (json-schema-to-typescript).
 * `--check` fails when a committed file is out of date (run in CI).
 */
import { readFile, writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { compile } from 'json-schema-to-typescript';

const SCHEMA_DIR = 'schemas';
const OUT_DIR = join(SCHEMA_DIR, 'generated');
const BANNER =
  '/* eslint-disable */\n// Generated from schemas/*.schema.json by scripts/generate-types.ts. DO NOT EDIT.\n';

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const file of (await readdir(SCHEMA_DIR)).filter((f) => f.endsWith('.schema.json')).sort()) {
    const schema = JSON.parse(await readFile(join(SCHEMA_DIR, file), 'utf8'));
    const ts = await compile(schema, schema.title, {
      bannerComment: BANNER,
      additionalProperties: false,
      style: { singleQuote: true },
    });
    const outFile = join(OUT_DIR, file.replace('.schema.json', '.ts'));
    const current = await readFile(outFile, 'utf8').catch(() => '');
    if (current === ts) continue;
    if (check) stale.push(outFile);
    else await writeFile(outFile, ts);
  }
  if (stale.length > 0) {
    console.error(`out of date (run npm run generate): ${stale.join(', ')}`);
    process.exitCode = 1;
  }
}

await main();
