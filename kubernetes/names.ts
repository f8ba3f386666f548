/**
 * Name and label-value checks of k8s.io/apimachinery/pkg/util/validation. Each returns the list of
 * problems (empty when valid), so one bad value can yield several errors at one path, as in Go.
 */

const DNS1123_LABEL_MAX = 63;
const DNS1123_SUBDOMAIN_MAX = 253;
const QUALIFIED_NAME_MAX = 63;
const LABEL_VALUE_MAX = 63;

/** validation.RegexError: the message, then the examples and the regex (", " after each example, " or " between). */
export function regexError(message: string, format: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${format}')`;
  return `${message} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${format}')`;
}

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_MESSAGE =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const qualifiedNamePart = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const httpPath = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

export function dns1123LabelErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_LABEL_MAX) errs.push(`must be no more than ${DNS1123_LABEL_MAX} characters`);
  if (!dns1123Label.test(value)) {
    // A valid subdomain that is not a valid label: the length is checked already, so it is the dots.
    if (dns1123Subdomain.test(value)) errs.push('must not contain dots');
    else
      errs.push(
        regexError(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
          DNS1123_LABEL_FMT,
          'my-name',
          '123-abc',
        ),
      );
  }
  return errs;
}

/**
 * Go's len(): UTF-8 bytes. util/validation's MaxLenError says "characters", the newer
 * api/validate/content one (label keys and values) says "bytes": `unit` is the word.
 */
const encoder = new TextEncoder();
function tooLong(value: string, max: number, unit: 'characters' | 'bytes'): string | undefined {
  return encoder.encode(value).length > max ? `must be no more than ${max} ${unit}` : undefined;
}

export function dns1123SubdomainErrors(value: string, unit: 'characters' | 'bytes' = 'characters'): string[] {
  const errs: string[] = [];
  const long = tooLong(value, DNS1123_SUBDOMAIN_MAX, unit);
  if (long) errs.push(long);
  if (!dns1123Subdomain.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN_FMT,
        'example.com',
      ),
    );
  }
  return errs;
}

/** IsQualifiedName: `[prefix/]name`, as used for label keys, annotation keys and condition types. */
export function qualifiedNameErrors(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0] ?? '';
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    // content.IsDNS1123Subdomain: its length error says "bytes".
    else for (const msg of dns1123SubdomainErrors(prefix, 'bytes')) errs.push(`prefix part ${msg}`);
  } else {
    return [
      `a valid label key ${regexError(LABEL_KEY_MESSAGE, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (tooLong(name, QUALIFIED_NAME_MAX, 'bytes'))
    errs.push(`name part must be no more than ${QUALIFIED_NAME_MAX} bytes`);
  if (!qualifiedNamePart.test(name))
    errs.push(`name part ${regexError(LABEL_KEY_MESSAGE, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

export function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  const long = tooLong(value, LABEL_VALUE_MAX, 'bytes');
  if (long) errs.push(long);
  if (!labelValue.test(value)) {
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        `(${LABEL_KEY_FMT})?`,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return errs;
}

export function isHttpPath(value: string): boolean {
  return httpPath.test(value);
}

export function isDns1123Label(value: string): boolean {
  return dns1123LabelErrors(value).length === 0;
}
