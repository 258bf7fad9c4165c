import { generate } from 'selfsigned';

// A self-signed certificate for 127.0.0.1 and localhost. Graph's client sends the bearer token only over https
// (toolchain-notes.md); the app and tests trust this certificate through `ca` / NODE_EXTRA_CA_CERTS.
// EC P-256 keeps generation in the milliseconds; the certificate is its own CA so it can be a trust anchor.

export async function makeCertificate(): Promise<{ key: string; cert: string }> {
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }, { name: 'organizationName', value: 'CRM Companion Graph sandbox' }], {
    keyType: 'ec', curve: 'P-256', algorithm: 'sha256',
    notBeforeDate: new Date(now - 86_400_000), notAfterDate: new Date(now + 365 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
