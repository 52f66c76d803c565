import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  CreateServiceSpecificCredentialCommand,
  CreateUserCommand,
  DeleteServerCertificateCommand,
  DeleteServiceSpecificCredentialCommand,
  DeleteSigningCertificateCommand,
  DeleteSSHPublicKeyCommand,
  DeleteUserCommand,
  GetServerCertificateCommand,
  GetSSHPublicKeyCommand,
  ListServerCertificatesCommand,
  ListServerCertificateTagsCommand,
  ListServiceSpecificCredentialsCommand,
  ListSigningCertificatesCommand,
  ListSSHPublicKeysCommand,
  ResetServiceSpecificCredentialCommand,
  TagServerCertificateCommand,
  UntagServerCertificateCommand,
  UpdateServerCertificateCommand,
  UpdateServiceSpecificCredentialCommand,
  UpdateSigningCertificateCommand,
  UpdateSSHPublicKeyCommand,
  UploadServerCertificateCommand,
  UploadSigningCertificateCommand,
  UploadSSHPublicKeyCommand,
} from '@aws-sdk/client-iam';
import { suiteServer } from '../support/server.js';
import { iam, rejectsWith } from '../support/aws-clients.js';

/** An OpenSSH public key line for a freshly generated key pair. */
function sshLine(type: 'rsa' | 'ed25519', bits = 2048): string {
  const str = (b: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    return Buffer.concat([len, b]);
  };
  const mp = (b: Buffer) => str(b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
  if (type === 'ed25519') {
    const jwk = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
    return `ssh-ed25519 ${Buffer.concat([str(Buffer.from('ssh-ed25519')), str(Buffer.from(jwk.x!, 'base64url'))]).toString('base64')} me@host`;
  }
  const jwk = generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ format: 'jwk' });
  const blob = Buffer.concat([str(Buffer.from('ssh-rsa')), mp(Buffer.from(jwk.e!, 'base64url')), mp(Buffer.from(jwk.n!, 'base64url'))]);
  return `ssh-rsa ${blob.toString('base64')} me@host`;
}

const md5Fingerprint = (line: string) => (createHash('md5').update(Buffer.from(line.split(' ')[1]!, 'base64')).digest('hex').match(/../g) ?? []).join(':');

/** node:crypto cannot issue X.509 certificates: `openssl` makes self-signed ones (RSA key + cert PEM). */
function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const OPENSSL = hasOpenssl();
const NO_OPENSSL = OPENSSL ? false : 'openssl is not on PATH: node:crypto cannot create the X.509 certificates these tests upload';

function selfSigned(cn: string): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-subj', `/CN=${cn}`, '-days', '30'], { stdio: 'ignore' });
    return { cert: readFileSync(join(dir, 'c.pem'), 'utf8'), key: readFileSync(join(dir, 'k.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('IAM SSH keys, signing and server certificates, service-specific credentials', () => {
  const bulwark = suiteServer();
  const certs = OPENSSL ? [selfSigned('one'), selfSigned('two'), selfSigned('three')] : [];

  test('SSH public keys: upload (ssh-rsa, ed25519, PEM), get (SSH|PEM), list, update, delete, quota, errors', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new CreateUserCommand({ UserName: 'dev' }));
    const rsa = sshLine('rsa');
    const up = (await client.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: rsa }))).SSHPublicKey!;
    assert.match(up.SSHPublicKeyId!, /^APKA[A-Z2-7]{17}$/);
    assert.equal(up.Fingerprint, md5Fingerprint(rsa));
    assert.equal(up.Status, 'Active');
    assert.equal(up.SSHPublicKeyBody, rsa.split(' ').slice(0, 2).join(' '));
    assert.ok(up.UploadDate instanceof Date);
    await rejectsWith(client.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: rsa })), 'DuplicateSSHPublicKeyException', 400);
    await rejectsWith(client.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: 'ssh-rsa bm90IGEga2V5' })), 'UnrecognizedPublicKeyEncodingException', 400, 'The public key encoding format is unsupported or unrecognized.');
    await rejectsWith(client.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: sshLine('rsa', 1024) })), 'UnrecognizedPublicKeyEncodingException', 400);
    await rejectsWith(client.send(new UploadSSHPublicKeyCommand({ UserName: 'nobody', SSHPublicKeyBody: rsa })), 'NoSuchEntityException', 404);

    const ed = sshLine('ed25519');
    const edKey = (await client.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: ed }))).SSHPublicKey!;
    assert.equal(edKey.Fingerprint, md5Fingerprint(ed));

    const pemPublic = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const fromPem = (await client.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: pemPublic }))).SSHPublicKey!;
    assert.match(fromPem.SSHPublicKeyBody!, /^ssh-rsa AAAA/);
    const asPem = (await client.send(new GetSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: fromPem.SSHPublicKeyId, Encoding: 'PEM' }))).SSHPublicKey!;
    assert.equal(asPem.SSHPublicKeyBody!.trim(), pemPublic.trim());
    const asSsh = (await client.send(new GetSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: up.SSHPublicKeyId, Encoding: 'SSH' }))).SSHPublicKey!;
    assert.equal(asSsh.SSHPublicKeyBody, up.SSHPublicKeyBody);

    await client.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: sshLine('ed25519') }));
    await client.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: sshLine('ed25519') }));
    await rejectsWith(client.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: sshLine('ed25519') })), 'LimitExceededException', 409);

    await client.send(new UpdateSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: up.SSHPublicKeyId, Status: 'Inactive' }));
    const list = await client.send(new ListSSHPublicKeysCommand({ UserName: 'dev' }));
    assert.equal(list.SSHPublicKeys!.length, 5);
    assert.equal(list.SSHPublicKeys!.find((k) => k.SSHPublicKeyId === up.SSHPublicKeyId)!.Status, 'Inactive');
    const page = await client.send(new ListSSHPublicKeysCommand({ UserName: 'dev', MaxItems: 2 }));
    assert.equal(page.SSHPublicKeys!.length, 2);
    assert.equal(page.IsTruncated, true);

    await rejectsWith(client.send(new DeleteUserCommand({ UserName: 'dev' })), 'DeleteConflictException', 409, 'Cannot delete entity, must delete SSH public keys first.');
    for (const k of list.SSHPublicKeys!) await client.send(new DeleteSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: k.SSHPublicKeyId }));
    const missing = `The Public Key with id ${up.SSHPublicKeyId} cannot be found.`;
    await rejectsWith(client.send(new GetSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: up.SSHPublicKeyId, Encoding: 'SSH' })), 'NoSuchEntityException', 404, missing);
    await rejectsWith(client.send(new UpdateSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: up.SSHPublicKeyId, Status: 'Active' })), 'NoSuchEntityException', 404, missing);
    await rejectsWith(client.send(new DeleteSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: up.SSHPublicKeyId })), 'NoSuchEntityException', 404, missing);
    await client.send(new DeleteUserCommand({ UserName: 'dev' }));
  });

  test('signing certificates: upload, duplicate, quota of 2, list, update, delete, MalformedCertificate', { skip: NO_OPENSSL }, async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new CreateUserCommand({ UserName: 'signer' }));
    await rejectsWith(client.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: 'not a certificate' })), 'MalformedCertificateException', 400);
    const broken = certs[0]!.cert.replace(/(-----BEGIN CERTIFICATE-----\n)(.{10})/, '$1AAAAAAAAAA');
    await rejectsWith(client.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: broken })), 'MalformedCertificateException', 400);
    const one = (await client.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: certs[0]!.cert }))).Certificate!;
    assert.match(one.CertificateId!, /^[0-9A-F]{32}$/);
    assert.equal(one.Status, 'Active');
    assert.equal(one.CertificateBody, certs[0]!.cert.trim());
    await rejectsWith(client.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: certs[0]!.cert })), 'DuplicateCertificateException', 409);
    await client.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: certs[1]!.cert }));
    await rejectsWith(client.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: certs[2]!.cert })), 'LimitExceededException', 409);

    await client.send(new UpdateSigningCertificateCommand({ UserName: 'signer', CertificateId: one.CertificateId, Status: 'Inactive' }));
    const list = (await client.send(new ListSigningCertificatesCommand({ UserName: 'signer' }))).Certificates!;
    assert.equal(list.length, 2);
    assert.equal(list.find((c) => c.CertificateId === one.CertificateId)!.Status, 'Inactive');

    await rejectsWith(client.send(new DeleteUserCommand({ UserName: 'signer' })), 'DeleteConflictException', 409, 'Cannot delete entity, must delete signing certificates first.');
    for (const c of list) await client.send(new DeleteSigningCertificateCommand({ UserName: 'signer', CertificateId: c.CertificateId }));
    const missing = `The Certificate with id ${one.CertificateId} cannot be found.`;
    await rejectsWith(client.send(new UpdateSigningCertificateCommand({ UserName: 'signer', CertificateId: one.CertificateId, Status: 'Active' })), 'NoSuchEntityException', 404, missing);
    await rejectsWith(client.send(new DeleteSigningCertificateCommand({ UserName: 'signer', CertificateId: one.CertificateId })), 'NoSuchEntityException', 404, missing);
    await client.send(new DeleteUserCommand({ UserName: 'signer' }));
  });

  test('server certificates: upload (key must match, never returned), get, list by path, rename, tags, delete', { skip: NO_OPENSSL }, async () => {
    const client = iam(bulwark.endpoint);
    const [a, b] = [certs[0]!, certs[1]!];
    await rejectsWith(
      client.send(new UploadServerCertificateCommand({ ServerCertificateName: 'web', CertificateBody: a.cert, PrivateKey: b.key })),
      'KeyPairMismatchException',
      400,
    );
    await rejectsWith(client.send(new UploadServerCertificateCommand({ ServerCertificateName: 'web', CertificateBody: 'junk', PrivateKey: a.key })), 'MalformedCertificateException', 400);
    await rejectsWith(
      client.send(new UploadServerCertificateCommand({ ServerCertificateName: 'web', CertificateBody: a.cert, PrivateKey: a.key, CertificateChain: 'junk' })),
      'MalformedCertificateException',
      400,
    );
    const up = await client.send(
      new UploadServerCertificateCommand({ ServerCertificateName: 'web', Path: '/cloudfront/', CertificateBody: a.cert, PrivateKey: a.key, CertificateChain: b.cert, Tags: [{ Key: 'env', Value: 'prod' }] }),
    );
    const meta = up.ServerCertificateMetadata!;
    assert.match(meta.ServerCertificateId!, /^ASCA[A-Z2-7]{17}$/);
    assert.equal(meta.Arn, 'arn:aws:iam::000000000000:server-certificate/cloudfront/web');
    assert.ok(meta.Expiration instanceof Date && meta.Expiration.getTime() > Date.now());
    assert.deepEqual(up.Tags, [{ Key: 'env', Value: 'prod' }]);
    await rejectsWith(
      client.send(new UploadServerCertificateCommand({ ServerCertificateName: 'WEB', CertificateBody: a.cert, PrivateKey: a.key })),
      'EntityAlreadyExistsException',
      409,
      'The Server Certificate with name WEB already exists.',
    );
    await client.send(new UploadServerCertificateCommand({ ServerCertificateName: 'api', CertificateBody: b.cert, PrivateKey: b.key }));

    const got = (await client.send(new GetServerCertificateCommand({ ServerCertificateName: 'web' }))).ServerCertificate!;
    assert.equal(got.CertificateBody, a.cert.trim());
    assert.equal(got.CertificateChain, b.cert.trim());
    assert.equal(got.ServerCertificateMetadata!.ServerCertificateId, meta.ServerCertificateId);
    assert.ok(!JSON.stringify(got).includes('PRIVATE KEY'));

    const all = (await client.send(new ListServerCertificatesCommand({}))).ServerCertificateMetadataList!;
    assert.deepEqual(all.map((c) => c.ServerCertificateName), ['api', 'web']);
    const cf = (await client.send(new ListServerCertificatesCommand({ PathPrefix: '/cloudfront/' }))).ServerCertificateMetadataList!;
    assert.deepEqual(cf.map((c) => c.ServerCertificateName), ['web']);

    await client.send(new TagServerCertificateCommand({ ServerCertificateName: 'web', Tags: [{ Key: 'team', Value: 'edge' }] }));
    await client.send(new UntagServerCertificateCommand({ ServerCertificateName: 'web', TagKeys: ['env'] }));
    assert.deepEqual((await client.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'web' }))).Tags, [{ Key: 'team', Value: 'edge' }]);

    await rejectsWith(client.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'web', NewServerCertificateName: 'api' })), 'EntityAlreadyExistsException', 409);
    await client.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'web', NewServerCertificateName: 'www', NewPath: '/' }));
    const moved = (await client.send(new GetServerCertificateCommand({ ServerCertificateName: 'www' }))).ServerCertificate!;
    assert.equal(moved.ServerCertificateMetadata!.Arn, 'arn:aws:iam::000000000000:server-certificate/www');
    assert.deepEqual(moved.Tags, [{ Key: 'team', Value: 'edge' }]);
    const missing = 'The Server Certificate with name web cannot be found.';
    await rejectsWith(client.send(new GetServerCertificateCommand({ ServerCertificateName: 'web' })), 'NoSuchEntityException', 404, missing);
    await rejectsWith(client.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'web', NewPath: '/x/' })), 'NoSuchEntityException', 404, missing);
    await rejectsWith(client.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'web' })), 'NoSuchEntityException', 404, missing);

    await client.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'www' }));
    await client.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'api' }));
    await rejectsWith(client.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'www' })), 'NoSuchEntityException', 404);
    assert.deepEqual((await client.send(new ListServerCertificatesCommand({}))).ServerCertificateMetadataList, []);
  });

  test('service-specific credentials: create (password once), list, update, reset, delete, quota, errors', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new CreateUserCommand({ UserName: 'git' }));
    await rejectsWith(client.send(new CreateServiceSpecificCredentialCommand({ UserName: 'git', ServiceName: 's3.amazonaws.com' })), 'ServiceNotSupportedException', 404);
    await rejectsWith(client.send(new CreateServiceSpecificCredentialCommand({ UserName: 'nobody', ServiceName: 'codecommit.amazonaws.com' })), 'NoSuchEntityException', 404);
    const made = (await client.send(new CreateServiceSpecificCredentialCommand({ UserName: 'git', ServiceName: 'codecommit.amazonaws.com' }))).ServiceSpecificCredential!;
    assert.match(made.ServiceSpecificCredentialId!, /^ACCA[A-Z2-7]{17}$/);
    assert.equal(made.ServiceUserName, 'git-at-000000000000');
    assert.equal(made.ServicePassword!.length, 44);
    assert.equal(made.Status, 'Active');
    assert.equal(made.UserName, 'git');
    await client.send(new CreateServiceSpecificCredentialCommand({ UserName: 'git', ServiceName: 'codecommit.amazonaws.com' }));
    await rejectsWith(client.send(new CreateServiceSpecificCredentialCommand({ UserName: 'git', ServiceName: 'codecommit.amazonaws.com' })), 'LimitExceededException', 409);
    await client.send(new CreateServiceSpecificCredentialCommand({ UserName: 'git', ServiceName: 'cassandra.amazonaws.com' }));

    const all = (await client.send(new ListServiceSpecificCredentialsCommand({ UserName: 'git' }))).ServiceSpecificCredentials!;
    assert.equal(all.length, 3);
    assert.ok(all.every((c) => !('ServicePassword' in c)));
    const cc = (await client.send(new ListServiceSpecificCredentialsCommand({ UserName: 'git', ServiceName: 'cassandra.amazonaws.com' }))).ServiceSpecificCredentials!;
    assert.equal(cc.length, 1);

    await client.send(new UpdateServiceSpecificCredentialCommand({ UserName: 'git', ServiceSpecificCredentialId: made.ServiceSpecificCredentialId, Status: 'Inactive' }));
    const reset = (await client.send(new ResetServiceSpecificCredentialCommand({ UserName: 'git', ServiceSpecificCredentialId: made.ServiceSpecificCredentialId }))).ServiceSpecificCredential!;
    assert.equal(reset.Status, 'Inactive');
    assert.equal(reset.ServicePassword!.length, 44);
    assert.notEqual(reset.ServicePassword, made.ServicePassword);

    await rejectsWith(client.send(new DeleteUserCommand({ UserName: 'git' })), 'DeleteConflictException', 409, 'Cannot delete entity, must delete service specific credentials first.');
    for (const c of all) await client.send(new DeleteServiceSpecificCredentialCommand({ UserName: 'git', ServiceSpecificCredentialId: c.ServiceSpecificCredentialId }));
    const id = made.ServiceSpecificCredentialId!;
    await rejectsWith(client.send(new ResetServiceSpecificCredentialCommand({ UserName: 'git', ServiceSpecificCredentialId: id })), 'NoSuchEntityException', 404, `No such credential ${id} exists`);
    await rejectsWith(client.send(new UpdateServiceSpecificCredentialCommand({ UserName: 'git', ServiceSpecificCredentialId: id, Status: 'Active' })), 'NoSuchEntityException', 404);
    await rejectsWith(client.send(new DeleteServiceSpecificCredentialCommand({ UserName: 'git', ServiceSpecificCredentialId: id })), 'NoSuchEntityException', 404);
    await client.send(new DeleteUserCommand({ UserName: 'git' }));
  });
});
