import { readFileSync } from 'node:fs';
import { UsageError } from '../errors/index.js';
import type { HttpTransport } from './transport.js';

export interface TlsOptions {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/**
 * The TLS settings of --ca-cert and --client-cert/--client-key, read from
 * their files. A bad file is the user's mistake: one line naming the flag.
 * As in rclone, --ca-cert replaces the system roots rather than adding to them.
 */
export function readTlsFiles(t: HttpTransport | undefined): TlsOptions {
  if (!t) return {};
  const out: TlsOptions = {};
  if (t.caCertFile) {
    out.ca = readPem(t.caCertFile, '--ca-cert');
    if (!out.ca.toString('latin1').includes('-----BEGIN CERTIFICATE-----')) {
      throw new UsageError('ERR_BAD_FLAG', `failed to add certificates from --ca-cert ${t.caCertFile}: no PEM certificate in it`, {
        hint: 'give a PEM file of CA certificates (-----BEGIN CERTIFICATE----- blocks)',
      });
    }
  }
  if (t.clientCertFile || t.clientKeyFile) {
    if (!t.clientCertFile || !t.clientKeyFile) {
      throw new UsageError('ERR_BAD_FLAG', 'both --client-cert and --client-key must be set', {
        hint: 'give the PEM certificate with --client-cert and its private key with --client-key',
      });
    }
    out.cert = readPem(t.clientCertFile, '--client-cert');
    out.key = readPem(t.clientKeyFile, '--client-key');
  }
  return out;
}

function readPem(file: string, flag: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new UsageError('ERR_BAD_FLAG', `failed to read ${flag} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      hint: `check the path given to ${flag}`,
    });
  }
}
