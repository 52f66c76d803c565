/**
 * KMS: a key scheduled for deletion (the data it encrypts becomes unreadable when the window
 * ends), a key opened to other accounts or to everyone by its key policy or by a grant.
 * GuardDuty has no deterministic finding for these — KMS calls only feed its behavioural
 * models — so the types are Bulwark's, named like GuardDuty's Custom Detection Rules.
 */
import { SEVERITY } from '../../detection.js';
import { recipientAccount, type TrailEvent } from '../../trail-event.js';
import { accountOfPrincipal, grantsOf, policyDocument } from '../support/policy-grants.js';
import { fieldsOf, member, requestParameters, textOf } from '../support/record-fields.js';
import type { SignalMatch, SignalRule } from './signal-rule.js';

const KMS = 'kms.amazonaws.com';
const ACCOUNT_MANIPULATION = 'Persistence:KMS/AccountManipulation';

/** The key a call names: its keyId, else (CreateKey) the key the response describes. */
function keyOf(event: TrailEvent): string {
  const named = textOf(member(requestParameters(event), 'KeyId'));
  if (named) return named;
  const response = fieldsOf(event.record().responseElements);
  return textOf(member(fieldsOf(member(response, 'KeyMetadata')), 'KeyId'));
}

function deletionScheduled(event: TrailEvent): SignalMatch {
  const key = keyOf(event);
  return { discriminator: key, details: { keyId: key, pendingWindowInDays: member(requestParameters(event), 'PendingWindowInDays') ?? 30 } };
}

/** A key policy letting in everyone or principals of other accounts. */
function policyOutsideAccount(event: TrailEvent): SignalMatch | undefined {
  const document = policyDocument(member(requestParameters(event), 'Policy'));
  if (!document) return undefined;
  const grants = grantsOf(document, recipientAccount(event));
  if (!grants.public && grants.externalAccounts.length === 0) return undefined;
  const key = keyOf(event);
  return { hostile: grants.public, discriminator: key, details: { keyId: key, public: grants.public, externalAccounts: grants.externalAccounts } };
}

/** A grant whose grantee is a principal of another account. */
function grantOutsideAccount(event: TrailEvent): SignalMatch | undefined {
  const parameters = requestParameters(event);
  const grantee = textOf(member(parameters, 'GranteePrincipal'));
  const account = accountOfPrincipal(grantee);
  if (!account || account === recipientAccount(event)) return undefined;
  const key = keyOf(event);
  return { discriminator: key, details: { keyId: key, granteePrincipal: grantee, externalAccounts: [account], operations: member(parameters, 'Operations') } };
}

export const KEY_RULES: readonly SignalRule[] = [
  {
    signal: 'KMSKeyDeletionScheduled',
    definedBy: 'Bulwark',
    type: 'Impact:KMS/DataDestruction',
    source: KMS,
    eventNames: ['ScheduleKeyDeletion'],
    severity: SEVERITY.MEDIUM,
    attempts: SEVERITY.LOW,
    title: 'A KMS key was scheduled for deletion.',
    description: 'When the waiting period ends the key is deleted, and everything encrypted under it can no longer be decrypted. CancelKeyDeletion stops it until then.',
    match: deletionScheduled,
  },
  {
    signal: 'KMSKeyPolicyExternalAccess',
    definedBy: 'Bulwark',
    type: ACCOUNT_MANIPULATION,
    source: KMS,
    eventNames: ['PutKeyPolicy', 'CreateKey'],
    severity: SEVERITY.HIGH,
    routineSeverity: SEVERITY.MEDIUM,
    title: 'A KMS key policy grants access outside the account.',
    description: "The key's policy allows principals of another account, or anyone, to use the key: they can decrypt what it protects.",
    match: policyOutsideAccount,
  },
  {
    signal: 'KMSGrantExternalAccess',
    definedBy: 'Bulwark',
    type: ACCOUNT_MANIPULATION,
    source: KMS,
    eventNames: ['CreateGrant'],
    severity: SEVERITY.MEDIUM,
    title: 'A KMS grant was created for a principal of another account.',
    description: 'The grantee can use the key for the granted operations until the grant is retired or revoked.',
    match: grantOutsideAccount,
  },
];
