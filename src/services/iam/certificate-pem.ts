/** PEM certificate parsing shared by signing and server certificates. */
import { X509Certificate } from 'node:crypto';
import { AwsError } from '../../core/aws-error.js';

export function malformedCertificate(message = 'Unable to parse certificate. Please ensure the certificate is in PEM format.'): AwsError {
  return new AwsError('MalformedCertificate', message, { status: 400 });
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The PEM certificate blocks in `text`; MalformedCertificate when there are none or other text remains. */
export function pemBlocks(text: string): string[] {
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0 || text.replace(PEM_BLOCK, '').trim() !== '') throw malformedCertificate();
  return blocks;
}

/** One PEM X.509 certificate, parsed; MalformedCertificate otherwise. */
export function parseCertificate(text: string): X509Certificate {
  const blocks = pemBlocks(text);
  if (blocks.length !== 1) throw malformedCertificate();
  try {
    return new X509Certificate(blocks[0] as string);
  } catch {
    throw malformedCertificate();
  }
}
