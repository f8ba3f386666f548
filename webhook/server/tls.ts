import { describeError } from '../../kubernetes/index.ts';
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { watchFiles } from './watch-files.ts';

export interface TlsFiles {
  readonly certFile: string;
  readonly keyFile: string;
}

export interface TlsCredentials {
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly notAfter: Date;
  readonly subject: string;
  readonly fingerprint256: string;
}

/** TLS 1.2 is the oldest the API server's client offers; 1.0 and 1.1 are refused. */
export const TLS_MIN_VERSION = 'TLSv1.2';

/** A certificate or key that cannot serve; the message names the flag and the file. */
export class TlsError extends Error {
  override name = 'TlsError';
}

function read(flag: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TlsError(
      `cannot read ${flag} ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message}`,
    );
  }
}

const firstLine = (error: unknown): string => describeError(error).split('\n')[0]!;

/**
 * Reads and checks a serving certificate and its key: each must parse, the key must be the
 * certificate's, and Node must accept the pair. Throws TlsError otherwise; nothing half-loaded.
 */
export function readTlsCredentials(files: TlsFiles): TlsCredentials {
  const cert = read('--tls-cert-file', files.certFile);
  const key = read('--tls-private-key-file', files.keyFile);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch (error) {
    throw new TlsError(`--tls-cert-file ${files.certFile} is not a PEM certificate: ${firstLine(error)}`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key);
  } catch (error) {
    throw new TlsError(
      `--tls-private-key-file ${files.keyFile} is not an unencrypted PEM private key: ${firstLine(error)}`,
    );
  }
  if (!x509.checkPrivateKey(privateKey)) {
    throw new TlsError(
      `--tls-private-key-file ${files.keyFile} is not the key of the certificate in --tls-cert-file ${files.certFile}`,
    );
  }
  try {
    createSecureContext({ cert, key, minVersion: TLS_MIN_VERSION });
  } catch (error) {
    throw new TlsError(
      `--tls-cert-file ${files.certFile} and --tls-private-key-file ${files.keyFile} cannot serve TLS: ${firstLine(error)}`,
    );
  }
  return {
    cert,
    key,
    notAfter: new Date(x509.validTo),
    subject: x509.subject.replace(/\n/g, ', '),
    fingerprint256: x509.fingerprint256,
  };
}

export interface TlsWatchEvents {
  reloaded(credentials: TlsCredentials): void;
  failed(error: TlsError): void;
}

/** How often the files are read even without a change event (events can be missed). */
export const TLS_POLL_MS = 10_000;

/**
 * Reloads the certificate when its files change (see watchFiles for how changes are noticed). Both
 * files are read together and checked before `apply` swaps them in; a half-updated or broken pair
 * keeps the current one (reported once per content). Returns a stop function.
 */
export function watchTlsFiles(
  files: TlsFiles,
  current: TlsCredentials,
  apply: (credentials: TlsCredentials) => void,
  events: TlsWatchEvents,
  pollMs = TLS_POLL_MS,
): () => void {
  let served = { cert: current.cert, key: current.key };
  let lastFailure: string | undefined;

  const check = (): void => {
    let cert: Buffer;
    let key: Buffer;
    try {
      cert = readFileSync(files.certFile);
      key = readFileSync(files.keyFile);
    } catch {
      // Mid-swap, or gone for a moment: reading them properly below reports it if it lasts.
      cert = Buffer.alloc(0);
      key = Buffer.alloc(0);
    }
    if (cert.equals(served.cert) && key.equals(served.key)) return;
    try {
      const next = readTlsCredentials(files);
      apply(next);
      served = { cert: next.cert, key: next.key };
      lastFailure = undefined;
      events.reloaded(next);
    } catch (error) {
      const tlsError = error instanceof TlsError ? error : new TlsError(firstLine(error));
      const signature = `${tlsError.message}\u0000${cert.toString('base64')}\u0000${key.length}`;
      if (signature !== lastFailure) events.failed(tlsError);
      lastFailure = signature;
    }
  };
  return watchFiles([files.certFile, files.keyFile], check, pollMs);
}
