/**
 * DeriveSharedSecret: ECDH between a KEY_AGREEMENT key's private half and the peer's public
 * key (DER SubjectPublicKeyInfo on the same curve). The result is the raw shared secret, the
 * x coordinate of the shared point, as KMS returns it.
 */
import { createPublicKey, diffieHellman, type KeyObject } from 'node:crypto';
import { invalidKeyUsage, unsupported, validation } from './errors.js';
import { EC_CURVES, isEcSpec, privateKeyFrom } from './keys.js';

export function deriveSharedSecret(spec: string, material: Buffer, peerPublicKeyDer: Buffer): Buffer {
  if (spec === 'SM2') throw unsupported('Bulwark does not support SM2 keys.');
  if (!isEcSpec(spec)) throw invalidKeyUsage(`${spec} keys cannot be used for key agreement.`);
  let peer: KeyObject;
  try {
    peer = createPublicKey({ key: peerPublicKeyDer, format: 'der', type: 'spki' });
  } catch {
    throw validation('PublicKey is not a valid DER-encoded SubjectPublicKeyInfo.');
  }
  if (peer.asymmetricKeyType !== 'ec' || peer.asymmetricKeyDetails?.namedCurve !== EC_CURVES[spec].namedCurve) {
    throw validation(`PublicKey must be an elliptic-curve public key on the same curve as the ${spec} KMS key.`);
  }
  try {
    return diffieHellman({ privateKey: privateKeyFrom(material), publicKey: peer });
  } catch {
    throw validation('PublicKey is not a valid point on the curve.');
  }
}
