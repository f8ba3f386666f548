import type { ObjectResult } from '../lint/index.ts';
import { fixHintOf } from './fix-hint.ts';
import { renderReport, type LintReport, type LintWriter, type WriteText } from './lint-report.ts';
import { objectLabel } from '../lint/index.ts';

/**
 * JUnit XML, as Jenkins, GitLab, Azure DevOps and CircleCI read it: a `testsuite` per file, a
 * `testcase` per Job or CronJob (and per document that could not be read). A case with an
 * error-level finding has one `failure` (JUnit allows one), whose text lists every finding;
 * warnings and infos alone go to the case's `system-out`, so the case passes as lint does.
 * Everything from the manifests is escaped, and characters XML 1.0 cannot carry at all (control
 * characters, lone surrogates) are written as `\uXXXX`.
 */
export function formatLintJunit(report: LintReport): string {
  return renderReport(report, lintJunitWriter);
}

/** A file's cases are written once the file is done (a testsuite's counts come first). */
export function lintJunitWriter(write: WriteText): LintWriter {
  let file: string | undefined;
  let pending: ObjectResult[] = [];
  let started = false;
  const flush = (): void => {
    if (file === undefined) return;
    write(testsuite(file, pending));
    pending = [];
  };
  return {
    result(result) {
      if (!started) write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="job-x lint">\n');
      started = true;
      if (result.file !== file) {
        flush();
        file = result.file;
      }
      pending.push(result);
    },
    end() {
      if (!started) write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="job-x lint">\n');
      flush();
      write('</testsuites>\n');
    },
  };
}

function testsuite(file: string, results: readonly ObjectResult[]): string {
  const failures = results.filter(hasError).length;
  const cases = results.map((result) => testcase(file, result)).join('');
  return `  <testsuite name="${attr(file)}" tests="${results.length}" failures="${failures}" errors="0" skipped="0">\n${cases}  </testsuite>\n`;
}

function testcase(file: string, result: ObjectResult): string {
  const head = `    <testcase classname="${attr(file)}" name="${attr(objectLabel(result))}" file="${attr(file)}"`;
  if (result.findings.length === 0) return `${head}/>\n`;
  const text = result.findings.map(describe).join('\n\n');
  const body = hasError(result)
    ? `      <failure message="${attr(summary(result))}" type="${attr(result.findings.find((f) => f.severity === 'error')!.ruleId)}">${text_(text)}</failure>\n`
    : `      <system-out>${text_(text)}</system-out>\n`;
  return `${head}>\n${body}    </testcase>\n`;
}

const hasError = (result: ObjectResult): boolean => result.findings.some((f) => f.severity === 'error');

function summary(result: ObjectResult): string {
  const errors = result.findings.filter((f) => f.severity === 'error');
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return `${first.path ? `${first.path}: ` : ''}${first.message}${more}`;
}

function describe(f: ObjectResult['findings'][number]): string {
  const hint = fixHintOf(f);
  return [
    `${f.line}:${f.column} ${f.severity} ${f.ruleId}: ${f.path ? `${f.path}: ` : ''}${f.message}`,
    ...(hint.remediation ? [`Fix: ${hint.remediation}`] : []),
    `Docs: ${hint.docsUrl}`,
  ].join('\n');
}

/** What XML 1.0 cannot hold even escaped. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- control characters are what it finds
  /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const unicodeEscape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Element text. */
function text_(value: string): string {
  return value.replace(NOT_XML, unicodeEscape).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value in double quotes (line breaks and tabs kept as character references). */
function attr(value: string): string {
  return text_(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
