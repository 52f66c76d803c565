import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  EncryptCommand,
  KMSClient,
  ListGrantsCommand,
  ListRetirableGrantsCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
} from '@aws-sdk/client-kms';
import { openStore } from '../../src/store/index.js';
import { GRANT_KIND, type GrantRecord } from '../../src/services/kms/common.js';
import { constraintHolds, grantAllows, parseGrantToken, principalMatches } from '../../src/services/kms/grants.js';
import { clientConfig, rejectsWith, userWithKey, type UserKeys } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';

const ACCOUNT = '000000000000';
const ROOT_ARN = `arn:aws:iam::${ACCOUNT}:root`;

describe('KMS grants: CreateGrant, ListGrants, ListRetirableGrants, RetireGrant, RevokeGrant', () => {
  const bulwark = suiteServer();
  let kms: KMSClient;
  let keyId: string;
  let keyArn: string;
  let signKeyId: string;
  let alice: UserKeys;
  let bob: UserKeys;

  test('setup', async () => {
    kms = new KMSClient(clientConfig(bulwark.endpoint));
    const key = await kms.send(new CreateKeyCommand({}));
    keyId = key.KeyMetadata!.KeyId!;
    keyArn = key.KeyMetadata!.Arn!;
    signKeyId = (await kms.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }))).KeyMetadata!.KeyId!;
    alice = await userWithKey(bulwark.endpoint, 'alice');
    bob = await userWithKey(bulwark.endpoint, 'bob');
  });

  test('CreateGrant: 64-hex id and a token; a named grant is idempotent (same id, fresh token); unnamed is not', async () => {
    const input = { KeyId: keyId, GranteePrincipal: alice.arn, Operations: ['Encrypt', 'Decrypt'] as const, Name: 'app-grant' };
    const first = await kms.send(new CreateGrantCommand({ ...input, Operations: [...input.Operations] }));
    assert.match(first.GrantId!, /^[0-9a-f]{64}$/);
    assert.ok(first.GrantToken && parseGrantToken(first.GrantToken));
    const again = await kms.send(new CreateGrantCommand({ ...input, Operations: ['Decrypt', 'Encrypt'] }));
    assert.equal(again.GrantId, first.GrantId);
    assert.notEqual(again.GrantToken, first.GrantToken);
    const renamed = await kms.send(new CreateGrantCommand({ ...input, Operations: [...input.Operations], Name: 'other' }));
    assert.notEqual(renamed.GrantId, first.GrantId);
    const u1 = await kms.send(new CreateGrantCommand({ KeyId: keyArn, GranteePrincipal: bob.arn, Operations: ['DescribeKey'] }));
    const u2 = await kms.send(new CreateGrantCommand({ KeyId: keyArn, GranteePrincipal: bob.arn, Operations: ['DescribeKey'] }));
    assert.notEqual(u1.GrantId, u2.GrantId);
    await kms.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: u2.GrantId }));
  });

  test('CreateGrant refusals: alias KeyId, unsuitable operations, constraints on asymmetric keys, both constraints, bad principal, DryRun', async () => {
    await rejectsWith(kms.send(new CreateGrantCommand({ KeyId: 'alias/anything', GranteePrincipal: alice.arn, Operations: ['Encrypt'] })), 'NotFoundException', 400);
    await rejectsWith(kms.send(new CreateGrantCommand({ KeyId: signKeyId, GranteePrincipal: alice.arn, Operations: ['Encrypt'] })), 'ValidationException', 400);
    await rejectsWith(kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: alice.arn, Operations: ['Sign'] })), 'ValidationException', 400);
    await rejectsWith(
      kms.send(new CreateGrantCommand({ KeyId: signKeyId, GranteePrincipal: alice.arn, Operations: ['Sign'], Constraints: { EncryptionContextSubset: { a: 'b' } } })),
      'ValidationException',
      400,
    );
    await rejectsWith(
      kms.send(
        new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: alice.arn, Operations: ['Decrypt'], Constraints: { EncryptionContextSubset: { a: 'b' }, EncryptionContextEquals: { a: 'b' } } }),
      ),
      'ValidationException',
      400,
    );
    await rejectsWith(kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: 'nobody', Operations: ['Decrypt'] })), 'InvalidArnException', 400);
    await rejectsWith(kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: alice.arn, Operations: ['Decrypt'], DryRun: true })), 'DryRunOperationException', 412);
    const signGrant = await kms.send(new CreateGrantCommand({ KeyId: signKeyId, GranteePrincipal: alice.arn, Operations: ['Sign', 'Verify', 'GetPublicKey', 'DescribeKey'] }));
    assert.match(signGrant.GrantId!, /^[0-9a-f]{64}$/);
  });

  test('ListGrants: entries as modelled, filters, Limit/Marker pagination', async () => {
    const created = await kms.send(
      new CreateGrantCommand({
        KeyId: keyId,
        GranteePrincipal: bob.arn,
        RetiringPrincipal: alice.arn,
        Operations: ['GenerateDataKey', 'RetireGrant'],
        Constraints: { EncryptionContextEquals: { tenant: 't1' } },
        Name: 'bob-gdk',
      }),
    );
    const all = await kms.send(new ListGrantsCommand({ KeyId: keyId }));
    assert.equal(all.Truncated, false);
    const entry = all.Grants!.find((g) => g.GrantId === created.GrantId)!;
    assert.equal(entry.KeyId, keyArn);
    assert.equal(entry.Name, 'bob-gdk');
    assert.equal(entry.GranteePrincipal, bob.arn);
    assert.equal(entry.RetiringPrincipal, alice.arn);
    assert.equal(entry.IssuingAccount, ROOT_ARN);
    assert.deepEqual(entry.Operations, ['GenerateDataKey', 'RetireGrant']);
    assert.deepEqual(entry.Constraints, { EncryptionContextEquals: { tenant: 't1' } });
    assert.ok(entry.CreationDate instanceof Date);
    const one = await kms.send(new ListGrantsCommand({ KeyId: keyArn, GrantId: created.GrantId }));
    assert.equal(one.Grants!.length, 1);
    const bobs = await kms.send(new ListGrantsCommand({ KeyId: keyId, GranteePrincipal: bob.arn }));
    assert.ok(bobs.Grants!.every((g) => g.GranteePrincipal === bob.arn));
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const page = await kms.send(new ListGrantsCommand({ KeyId: keyId, Limit: 1, Marker: marker }));
      assert.ok(page.Grants!.length <= 1);
      seen.push(...page.Grants!.map((g) => g.GrantId!));
      marker = page.Truncated ? page.NextMarker : undefined;
    } while (marker);
    assert.deepEqual(seen, all.Grants!.map((g) => g.GrantId));
    await rejectsWith(kms.send(new ListGrantsCommand({ KeyId: keyId, Marker: 'nope' })), 'InvalidMarkerException', 400);
    const retirable = await kms.send(new ListRetirableGrantsCommand({ RetiringPrincipal: alice.arn }));
    assert.deepEqual(retirable.Grants!.map((g) => g.GrantId), [created.GrantId]);
  });

  test('RetireGrant: by the retiring principal (token), by the grantee with RetireGrant, by the account root; others → AccessDeniedException', async () => {
    const asAlice = new KMSClient(clientConfig(bulwark.endpoint, alice));
    const asBob = new KMSClient(clientConfig(bulwark.endpoint, bob));
    const byAlice = await kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: bob.arn, RetiringPrincipal: alice.arn, Operations: ['Decrypt'] }));
    await rejectsWith(asBob.send(new RetireGrantCommand({ GrantToken: byAlice.GrantToken })), 'AccessDeniedException', 400);
    await rejectsWith(asAlice.send(new RetireGrantCommand({ GrantToken: byAlice.GrantToken, DryRun: true })), 'DryRunOperationException', 412);
    await asAlice.send(new RetireGrantCommand({ GrantToken: byAlice.GrantToken }));
    await rejectsWith(asAlice.send(new RetireGrantCommand({ GrantToken: byAlice.GrantToken })), 'NotFoundException', 400);

    const selfRetire = await kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: bob.arn, Operations: ['Decrypt', 'RetireGrant'] }));
    await rejectsWith(asAlice.send(new RetireGrantCommand({ KeyId: keyArn, GrantId: selfRetire.GrantId })), 'AccessDeniedException', 400);
    await asBob.send(new RetireGrantCommand({ KeyId: keyArn, GrantId: selfRetire.GrantId }));

    const byRoot = await kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: bob.arn, Operations: ['Decrypt'] }));
    await kms.send(new RetireGrantCommand({ KeyId: keyId, GrantId: byRoot.GrantId }));
    await rejectsWith(kms.send(new RetireGrantCommand({ GrantToken: 'garbage' })), 'InvalidGrantTokenException', 400);
    await rejectsWith(kms.send(new RetireGrantCommand({})), 'ValidationException', 400);
    const listed = await kms.send(new ListGrantsCommand({ KeyId: keyId }));
    assert.ok(!listed.Grants!.some((g) => [byAlice.GrantId, selfRetire.GrantId, byRoot.GrantId].includes(g.GrantId)));
  });

  test('RevokeGrant: removes the grant; unknown → NotFoundException; malformed id → InvalidGrantIdException', async () => {
    const g = await kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: bob.arn, Operations: ['Encrypt'] }));
    await rejectsWith(kms.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: g.GrantId, DryRun: true })), 'DryRunOperationException', 412);
    await kms.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: g.GrantId }));
    await rejectsWith(kms.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: g.GrantId })), 'NotFoundException', 400);
    await rejectsWith(kms.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: 'xyz' })), 'InvalidGrantIdException', 400);
  });

  test('a grant lets a principal without IAM permissions use the key (through the authorizer)', async () => {
    const asBob = new KMSClient(clientConfig(bulwark.endpoint, bob));
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await rejectsWith(asBob.send(new EncryptCommand({ KeyId: key, Plaintext: Buffer.from('x') })), 'AccessDeniedException', 400);
    const g = await kms.send(new CreateGrantCommand({ KeyId: key, GranteePrincipal: bob.arn, Operations: ['Encrypt', 'Decrypt'], Constraints: { EncryptionContextSubset: { app: 'a' } } }));
    const enc = await asBob.send(new EncryptCommand({ KeyId: key, Plaintext: Buffer.from('x'), EncryptionContext: { app: 'a', extra: '1' }, GrantTokens: [g.GrantToken!] }));
    const dec = await asBob.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { app: 'a', extra: '1' } }));
    assert.equal(Buffer.from(dec.Plaintext!).toString(), 'x');
    await rejectsWith(asBob.send(new EncryptCommand({ KeyId: key, Plaintext: Buffer.from('x'), EncryptionContext: { app: 'b' } })), 'AccessDeniedException', 400);
  });
});

describe('grantAllows (direct store)', () => {
  const scope = { account: ACCOUNT, region: 'us-east-1' };
  const keyId = '11111111-2222-3333-4444-555555555555';

  function grant(id: string, grantee: string, operations: string[], constraints?: GrantRecord['Constraints']): GrantRecord {
    return {
      GrantId: id.padEnd(64, '0'),
      KeyId: keyId,
      KeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${keyId}`,
      CreationDate: new Date().toISOString(),
      GranteePrincipal: grantee,
      IssuingAccount: ROOT_ARN,
      Operations: operations,
      Constraints: constraints,
      GrantToken: 't',
      Fingerprint: 'f',
    };
  }

  test('operations, constraints (Equals vs Subset) and role-session matching', async () => {
    const store = await openStore({ inMemory: true });
    try {
      const user = `arn:aws:iam::${ACCOUNT}:user/alice`;
      const role = `arn:aws:iam::${ACCOUNT}:role/app/Worker`;
      const grants = [
        grant('a', user, ['Decrypt'], { EncryptionContextEquals: { Dept: 'IT' } }),
        grant('b', user, ['GenerateDataKey'], { EncryptionContextSubset: { dept: 'IT' } }),
        grant('c', role, ['Encrypt', 'DescribeKey'], { EncryptionContextSubset: { app: 'x' } }),
      ];
      for (const g of grants) await store.put(scope, GRANT_KIND, `${keyId}/${g.GrantId}`, g);
      const allows = (principal: string, op: string, ctx?: Record<string, string>) => grantAllows(store, scope, keyId, principal, op, ctx);

      // Equals: the whole context, keys case-insensitive, values case-sensitive.
      assert.equal(await allows(user, 'Decrypt', { Dept: 'IT' }), true);
      assert.equal(await allows(user, 'Decrypt', { dept: 'IT' }), true);
      assert.equal(await allows(user, 'Decrypt', { Dept: 'it' }), false);
      assert.equal(await allows(user, 'Decrypt', { Dept: 'IT', more: '1' }), false);
      assert.equal(await allows(user, 'Decrypt', undefined), false);
      // Subset: extra pairs allowed.
      assert.equal(await allows(user, 'GenerateDataKey', { dept: 'IT', more: '1' }), true);
      assert.equal(await allows(user, 'GenerateDataKey', { more: '1' }), false);
      // Wrong operation: GenerateDataKeyWithoutPlaintext is a separate grant operation.
      assert.equal(await allows(user, 'GenerateDataKeyWithoutPlaintext', { dept: 'IT' }), false);
      assert.equal(await allows(user, 'Encrypt', { Dept: 'IT' }), false);
      // Another principal.
      assert.equal(await allows(`arn:aws:iam::${ACCOUNT}:user/bob`, 'Decrypt', { Dept: 'IT' }), false);
      // Role sessions match a grant to the role (with a path); the constraint does not apply to DescribeKey.
      const session = `arn:aws:sts::${ACCOUNT}:assumed-role/Worker/job-1`;
      assert.equal(await allows(session, 'Encrypt', { app: 'x' }), true);
      assert.equal(await allows(session, 'DescribeKey', undefined), true);
      assert.equal(await allows(session, 'Encrypt', { app: 'y' }), false);
      assert.equal(await allows(`arn:aws:sts::${ACCOUNT}:assumed-role/Other/job-1`, 'Encrypt', { app: 'x' }), false);
      assert.equal(await allows(`arn:aws:sts::999999999999:assumed-role/Worker/job-1`, 'Encrypt', { app: 'x' }), false);
    } finally {
      await store.close();
    }
  });

  test('principalMatches and constraintHolds edge cases', () => {
    assert.equal(principalMatches(`arn:aws:iam::${ACCOUNT}:role/R`, `arn:aws:sts::${ACCOUNT}:assumed-role/R/s`), true);
    assert.equal(principalMatches(`arn:aws:iam::${ACCOUNT}:role/R`, `arn:aws:iam::${ACCOUNT}:role/R`), true);
    assert.equal(principalMatches(`arn:aws:iam::${ACCOUNT}:user/R`, `arn:aws:sts::${ACCOUNT}:assumed-role/R/s`), false);
    assert.equal(principalMatches(undefined, ROOT_ARN), false);
    assert.equal(constraintHolds(undefined, undefined), true);
    assert.equal(constraintHolds({ EncryptionContextEquals: {} }, { a: 'b' }), true);
  });
});
