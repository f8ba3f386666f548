/**
 * The floors of bench-webhook.ts: bare node:https servers with the webhook's TLS settings and
 * keep-alive, no framework, no policy.
 *   fixed  reads each request body to its end and answers one fixed "allowed" AdmissionReview:
 *          what HTTPS alone costs on this machine (the floor of the target);
 *   parse  also decodes the body and echoes its request.uid, which any webhook must do for the API
 *          server to accept the answer: the least a correct webhook can do.
 *
 * node bench/webhook/bare-server.ts fixed|parse CERT KEY  →  prints {"port": N} once listening.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';

const [mode, certFile, keyFile] = process.argv.slice(2);
if ((mode !== 'fixed' && mode !== 'parse') || !certFile || !keyFile) {
  process.stderr.write('usage: bare-server.ts fixed|parse CERT KEY\n');
  process.exit(2);
}
const FIXED_UID = '3f1c6a52-8d0e-4c36-9a57-2f4b1f0e7a01';
const answerFor = (uid: string): Buffer =>
  Buffer.from(
    JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid, allowed: true } }),
  );
const fixed = answerFor(FIXED_UID);

const server = createServer(
  { cert: readFileSync(certFile), key: readFileSync(keyFile), minVersion: 'TLSv1.2' },
  (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      if (mode === 'parse') chunks.push(chunk);
    });
    req.on('end', () => {
      const answer =
        mode === 'fixed'
          ? fixed
          : answerFor((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { request: { uid: string } }).request.uid);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length });
      res.end(answer);
    });
  },
);
server.keepAliveTimeout = 95_000;
server.headersTimeout = 100_000;
server.listen(0, '127.0.0.1', () =>
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`),
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
