import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/**
 * The sandbox's TLS material: a private CA and a server certificate it signed for 127.0.0.1.
 */
export interface SandboxTlsMaterial {
  caCertPem: string;
  caKeyPem: string;
  serverCertPem: string;
  serverKeyPem: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const CA_LIFETIME_DAYS = 3650;
const SERVER_LIFETIME_DAYS = 365;
// A persisted server certificate is reissued this long before it expires.
const RENEW_BEFORE_DAYS = 30;

function newKeyPair() {
  // Node's native generator: node-forge's pure JavaScript RSA takes seconds.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    privateKeyPem: privateKey,
    privateKey: forge.pki.privateKeyFromPem(privateKey),
    publicKey: forge.pki.publicKeyFromPem(publicKey),
  };
}

/**
 * A random 16-byte serial as hex that DER encodes without padding: OpenSSL rejects an
 * INTEGER with a needless leading zero byte ("illegal padding"), and a negative one.
 */
export function certificateSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x7f) | 0x40;
  return bytes.toString('hex');
}

function newCertificate(
  publicKey: forge.pki.PublicKey,
  subject: forge.pki.CertificateField[],
  lifetimeDays: number,
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = certificateSerialNumber();
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + lifetimeDays * DAY_MS);
  cert.setSubject(subject);
  return cert;
}

function issueServerCertificate(
  caCertPem: string,
  caKeyPem: string,
): Pick<SandboxTlsMaterial, 'serverCertPem' | 'serverKeyPem'> {
  const caCert = forge.pki.certificateFromPem(caCertPem);
  const caKey = forge.pki.privateKeyFromPem(caKeyPem);
  const keys = newKeyPair();
  const cert = newCertificate(
    keys.publicKey,
    [{ name: 'commonName', value: '127.0.0.1' }],
    SERVER_LIFETIME_DAYS,
  );
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    {
      name: 'keyUsage',
      digitalSignature: true,
      keyEncipherment: true,
      critical: true,
    },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' },
        { type: 2, value: 'localhost' },
      ],
    },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return {
    serverCertPem: forge.pki.certificateToPem(cert),
    serverKeyPem: keys.privateKeyPem,
  };
}

/**
 * Creates a fresh CA and a server certificate for 127.0.0.1 and localhost.
 */
export function generateTlsMaterial(): SandboxTlsMaterial {
  const keys = newKeyPair();
  const subject = [
    { name: 'commonName', value: 'Camunda Entra sandbox CA' },
    { name: 'organizationName', value: 'camunda-entra local sandbox' },
  ];
  const ca = newCertificate(keys.publicKey, subject, CA_LIFETIME_DAYS);
  ca.setIssuer(subject);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(keys.privateKey, forge.md.sha256.create());
  const caCertPem = forge.pki.certificateToPem(ca);
  return {
    caCertPem,
    caKeyPem: keys.privateKeyPem,
    ...issueServerCertificate(caCertPem, keys.privateKeyPem),
  };
}

/**
 * Keeps a persisted CA (so clients that trust it keep working) and reissues the server
 * certificate when it is about to expire.
 */
export function renewTlsMaterial(
  material: SandboxTlsMaterial,
): SandboxTlsMaterial {
  const server = forge.pki.certificateFromPem(material.serverCertPem);
  const renewAt =
    server.validity.notAfter.getTime() - RENEW_BEFORE_DAYS * DAY_MS;
  if (Date.now() < renewAt) {
    return material;
  }
  return {
    ...material,
    ...issueServerCertificate(material.caCertPem, material.caKeyPem),
  };
}

/**
 * A self-signed client certificate, as one would upload to an app registration for
 * certificate credentials: give `certificatePem` to a sandbox identity and both PEMs (in one
 * file) to the client.
 *
 * @public
 */
export function generateClientCertificate(commonName: string): {
  certificatePem: string;
  privateKeyPem: string;
} {
  const keys = newKeyPair();
  const subject = [{ name: 'commonName', value: commonName }];
  const cert = newCertificate(keys.publicKey, subject, SERVER_LIFETIME_DAYS);
  cert.setIssuer(subject);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return {
    certificatePem: forge.pki.certificateToPem(cert),
    privateKeyPem: keys.privateKeyPem,
  };
}
