import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { buildClient, CommitmentPolicy, getClient, KMS, KmsKeyringNode } from '@aws-crypto/client-node';
import { CreateAliasCommand, CreateKeyCommand, GetPublicKeyCommand, KMSClient, SignCommand, type SigningAlgorithmSpec } from '@aws-sdk/client-kms';
import { clientConfig, ROOT } from '../support/aws-clients.js';
import { pythonToolsMissing, runAwsCli, runBoto3, suiteServer } from '../support/server.js';

/**
 * KMS as real clients use it: the AWS Encryption SDK for JavaScript (KMS keyring) round trip;
 * the AWS CLI v1 and boto3 encrypt, decrypt, sign and verify; `openssl` verifies signatures
 * with the DER public key from GetPublicKey for RSA, ECDSA and Ed25519.
 */
const run = promisify(execFile);
const opensslMissing = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0 ? undefined : 'openssl is not installed on this machine';

describe('KMS with real clients', () => {
  const bulwark = suiteServer();
  const kms = () => new KMSClient(clientConfig(bulwark.endpoint));

  test('the AWS Encryption SDK encrypts and decrypts through a KMS keyring', async () => {
    const key = (await kms().send(new CreateKeyCommand({}))).KeyMetadata!;
    const clientProvider = getClient(KMS, { endpoint: bulwark.endpoint, credentials: ROOT, maxAttempts: 1 });
    const keyring = new KmsKeyringNode({ generatorKeyId: key.Arn, clientProvider });
    const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
    const secret = Buffer.from('incident response game day: the plaintext');
    const { result } = await encrypt(keyring, secret, { encryptionContext: { stage: 'test' } });
    assert.ok(!result.includes(secret), 'the message must not contain the plaintext');
    const { plaintext, messageHeader } = await decrypt(keyring, result);
    assert.deepEqual(Buffer.from(plaintext), secret);
    assert.equal(messageHeader.encryptionContext.stage, 'test');
    assert.equal(messageHeader.encryptedDataKeys[0]!.providerInfo, key.Arn);
  });

  test('the AWS CLI v1 encrypts, decrypts, signs and verifies', { skip: pythonToolsMissing() }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-kms-cli-'));
    writeFileSync(join(dir, 'plain.txt'), 'from the cli');
    await kms().send(new CreateAliasCommand({ AliasName: 'alias/cli', TargetKeyId: (await kms().send(new CreateKeyCommand({}))).KeyMetadata!.KeyId }));
    const enc = await runAwsCli(bulwark.endpoint, ['kms', 'encrypt', '--key-id', 'alias/cli', '--plaintext', `fileb://${join(dir, 'plain.txt')}`, '--encryption-context', 'app=cli']);
    assert.equal(enc.status, 0, enc.stderr);
    writeFileSync(join(dir, 'blob'), Buffer.from(JSON.parse(enc.stdout).CiphertextBlob, 'base64'));
    const dec = await runAwsCli(bulwark.endpoint, ['kms', 'decrypt', '--ciphertext-blob', `fileb://${join(dir, 'blob')}`, '--encryption-context', 'app=cli']);
    assert.equal(dec.status, 0, dec.stderr);
    assert.equal(Buffer.from(JSON.parse(dec.stdout).Plaintext, 'base64').toString(), 'from the cli');
    const wrong = await runAwsCli(bulwark.endpoint, ['kms', 'decrypt', '--ciphertext-blob', `fileb://${join(dir, 'blob')}`]);
    assert.notEqual(wrong.status, 0);
    assert.match(wrong.stderr, /InvalidCiphertextException/);

    const signing = (await kms().send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }))).KeyMetadata!;
    const common = ['--key-id', signing.KeyId!, '--message', `fileb://${join(dir, 'plain.txt')}`, '--message-type', 'RAW', '--signing-algorithm', 'ECDSA_SHA_256'];
    const sig = await runAwsCli(bulwark.endpoint, ['kms', 'sign', ...common]);
    assert.equal(sig.status, 0, sig.stderr);
    writeFileSync(join(dir, 'sig'), Buffer.from(JSON.parse(sig.stdout).Signature, 'base64'));
    const ok = await runAwsCli(bulwark.endpoint, ['kms', 'verify', ...common, '--signature', `fileb://${join(dir, 'sig')}`]);
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).SignatureValid, true);
    writeFileSync(join(dir, 'plain.txt'), 'tampered');
    const bad = await runAwsCli(bulwark.endpoint, ['kms', 'verify', ...common, '--signature', `fileb://${join(dir, 'sig')}`]);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /KMSInvalidSignatureException/);
  });

  test('boto3 encrypts, decrypts, signs and verifies', { skip: pythonToolsMissing() }, async () => {
    const r = await runBoto3(
      bulwark.endpoint,
      `
kms = client("kms")
key = kms.create_key()["KeyMetadata"]["KeyId"]
blob = kms.encrypt(KeyId=key, Plaintext=b"from boto3", EncryptionContext={"a": "b"})["CiphertextBlob"]
plain = kms.decrypt(CiphertextBlob=blob, EncryptionContext={"a": "b"})["Plaintext"].decode()
rsa = kms.create_key(KeySpec="RSA_2048", KeyUsage="SIGN_VERIFY")["KeyMetadata"]["KeyId"]
sig = kms.sign(KeyId=rsa, Message=b"m", MessageType="RAW", SigningAlgorithm="RSASSA_PSS_SHA_256")["Signature"]
valid = kms.verify(KeyId=rsa, Message=b"m", MessageType="RAW", SigningAlgorithm="RSASSA_PSS_SHA_256", Signature=sig)["SignatureValid"]
try:
    kms.verify(KeyId=rsa, Message=b"other", MessageType="RAW", SigningAlgorithm="RSASSA_PSS_SHA_256", Signature=sig)
    invalid = "accepted"
except botocore.exceptions.ClientError as e:
    invalid = e.response["Error"]["Code"]
print(json.dumps({"plain": plain, "valid": valid, "invalid": invalid}))
`,
    );
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { plain: 'from boto3', valid: true, invalid: 'KMSInvalidSignatureException' });
  });

  const OPENSSL_CASES: Array<{ spec: 'RSA_2048' | 'ECC_NIST_P256' | 'ECC_NIST_P384' | 'ECC_NIST_EDWARDS25519'; algorithm: SigningAlgorithmSpec; verify: string[] }> = [
    { spec: 'RSA_2048', algorithm: 'RSASSA_PKCS1_V1_5_SHA_256', verify: ['dgst', '-sha256'] },
    { spec: 'RSA_2048', algorithm: 'RSASSA_PSS_SHA_256', verify: ['dgst', '-sha256', '-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32'] },
    { spec: 'ECC_NIST_P256', algorithm: 'ECDSA_SHA_256', verify: ['dgst', '-sha256'] },
    { spec: 'ECC_NIST_P384', algorithm: 'ECDSA_SHA_384', verify: ['dgst', '-sha384'] },
    { spec: 'ECC_NIST_EDWARDS25519', algorithm: 'ED25519_SHA_512', verify: ['pkeyutl', '-rawin'] },
  ];
  for (const c of OPENSSL_CASES) {
    test(`openssl verifies a ${c.spec} ${c.algorithm} signature with GetPublicKey's key`, { skip: opensslMissing }, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'bulwark-kms-ossl-'));
      const key = (await kms().send(new CreateKeyCommand({ KeySpec: c.spec, KeyUsage: 'SIGN_VERIFY' }))).KeyMetadata!;
      const message = Buffer.from(`signed by ${c.spec}`);
      const signature = (await kms().send(new SignCommand({ KeyId: key.KeyId, Message: message, MessageType: 'RAW', SigningAlgorithm: c.algorithm }))).Signature!;
      const publicKey = (await kms().send(new GetPublicKeyCommand({ KeyId: key.KeyId }))).PublicKey!;
      const [msg, sig, der, pem] = ['msg', 'sig', 'pub.der', 'pub.pem'].map((f) => join(dir, f)) as [string, string, string, string];
      writeFileSync(msg, message);
      writeFileSync(sig, signature);
      writeFileSync(der, publicKey);
      await run('openssl', ['pkey', '-pubin', '-inform', 'DER', '-in', der, '-out', pem]);
      const args = c.verify[0] === 'pkeyutl' ? ['pkeyutl', '-verify', '-pubin', '-inkey', pem, '-rawin', '-in', msg, '-sigfile', sig] : [...c.verify, '-verify', pem, '-signature', sig, msg];
      const { stdout } = await run('openssl', args);
      assert.match(stdout, /Verified OK|Signature Verified Successfully/);
      writeFileSync(msg, 'tampered');
      await assert.rejects(run('openssl', args));
    });
  }
});
