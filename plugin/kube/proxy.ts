// The proxy kubectl would use for a server: the cluster's `proxy-url` if the kubeconfig sets one,
// else HTTPS_PROXY / HTTP_PROXY unless NO_PROXY excludes the host. client-node reads only
// proxy-url, so the environment part is done here, with Go's rules (golang.org/x/net/http/httpproxy,
// which client-go's transport uses): loopback hosts never go through a proxy, NO_PROXY entries
// are host names (matching subdomains too), ".domain" suffixes, IPs, CIDRs, optional ports, or *.
import { isIP } from 'node:net';

type Env = Readonly<Record<string, string | undefined>>;

const getEnv = (env: Env, name: string): string | undefined => {
  const value = env[name.toUpperCase()] || env[name.toLowerCase()];
  return value ? value.trim() : undefined;
};

/** The proxy URL for requests to `server`, or undefined for a direct connection. */
export function proxyFromEnvironment(server: string, env: Env): string | undefined {
  const url = new URL(server);
  const raw = url.protocol === 'https:' ? getEnv(env, 'HTTPS_PROXY') : getEnv(env, 'HTTP_PROXY');
  if (!raw) return undefined;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  if (isLoopback(host)) return undefined;
  if (excludedByNoProxy(host, port, getEnv(env, 'NO_PROXY') ?? '')) return undefined;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
}

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1';
  return false;
}

function excludedByNoProxy(host: string, port: string, noProxy: string): boolean {
  for (const rawEntry of noProxy.split(',')) {
    const entry = rawEntry.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    if (entry.includes('/')) {
      if (inCidr(host, entry)) return true;
      continue;
    }
    const { name, entryPort } = splitHostPort(entry);
    if (entryPort && entryPort !== port) continue;
    if (isIP(name)) {
      if (name === host) return true;
      continue;
    }
    const domain = name.replace(/^\*?\./, '');
    if (name.startsWith('.') || name.startsWith('*.')) {
      if (host.endsWith(`.${domain}`)) return true;
    } else if (host === domain || host.endsWith(`.${domain}`)) {
      return true;
    }
  }
  return false;
}

function splitHostPort(entry: string): { name: string; entryPort?: string } {
  const bracketed = /^\[(.+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { name: bracketed[1]!, entryPort: bracketed[2] };
  const colon = entry.lastIndexOf(':');
  if (colon > 0 && entry.indexOf(':') === colon && /^\d+$/.test(entry.slice(colon + 1))) {
    return { name: entry.slice(0, colon), entryPort: entry.slice(colon + 1) };
  }
  return { name: entry };
}

function inCidr(host: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const family = isIP(host);
  if (!base || family === 0 || isIP(base) !== family || !Number.isInteger(bits)) return false;
  const a = toBits(host, family);
  const b = toBits(base, family);
  return a.slice(0, bits) === b.slice(0, bits);
}

function toBits(ip: string, family: number): string {
  if (family === 4)
    return ip
      .split('.')
      .map((part) => Number(part).toString(2).padStart(8, '0'))
      .join('');
  const [head = '', tail = ''] = ip.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...headParts, ...Array<string>(8 - headParts.length - tailParts.length).fill('0'), ...tailParts]
    : headParts;
  return groups
    .map((group) =>
      parseInt(group || '0', 16)
        .toString(2)
        .padStart(16, '0'),
    )
    .join('');
}
