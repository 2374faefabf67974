import { X509Certificate } from 'node:crypto';
import {
  certificateSerialNumber,
  generateClientCertificate,
  generateTlsMaterial,
} from './certificates';

describe('sandbox certificates', () => {
  it('draws serials that are positive DER integers without a padding byte', () => {
    // A serial that began with a zero byte made OpenSSL refuse one certificate in a few hundred.
    for (let i = 0; i < 5000; i++) {
      const serial = certificateSerialNumber();
      expect(serial).toMatch(/^[0-9a-f]{32}$/);
      const first = parseInt(serial.slice(0, 2), 16);
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThan(0x80);
    }
  });

  it('issues a CA and a server certificate that OpenSSL parses and verifies', () => {
    const material = generateTlsMaterial();
    const ca = new X509Certificate(material.caCertPem);
    const server = new X509Certificate(material.serverCertPem);
    expect(ca.ca).toBe(true);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.serialNumber).toMatch(/^[4-7][0-9A-F]{31}$/);
  });

  it('issues client certificates that OpenSSL parses', () => {
    const client = generateClientCertificate('pipeline');
    expect(new X509Certificate(client.certificatePem).subject).toBe(
      'CN=pipeline',
    );
  });
});
