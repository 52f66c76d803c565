/**
 * Who a resource policy lets in: everyone (a `*` principal without a condition that narrows
 * it), or principals of other accounts. Used for bucket policies and role trust policies as
 * CloudTrail records them (a JSON object, a JSON string, or a URL-encoded JSON string), and
 * key policies.
 *
 * "Public" is S3's reading (src/iam/policy/public-statements.ts), with `kms:CallerAccount` and
 * `sts:ExternalId` also limiting the caller of a key or trust policy.
 */
import { statementIsPublic } from '../../../iam/policy/public-statements.js';
import { fieldsOf, textsOf, type Fields } from './record-fields.js';

export interface PolicyGrants {
  /** An Allow statement admits anyone. */
  public: boolean;
  /** Accounts other than the owner that Allow statements name (sorted, without duplicates). */
  externalAccounts: string[];
}

/** Condition keys that limit the caller of a key or trust policy, beyond S3's list. */
const MORE_LIMITING_KEYS: ReadonlySet<string> = new Set(['kms:calleraccount', 'sts:externalid']);

/** Narrowing keys that name the caller's account: a `*` statement narrowed to another account grants that account. */
const CALLER_ACCOUNT_KEYS = new Set(['aws:principalaccount', 'kms:calleraccount']);

/** The policy document's fields, or undefined when the value is not a readable policy. */
export function policyDocument(value: unknown): Fields | undefined {
  if (typeof value === 'string') {
    let text = value.trim();
    if (text.startsWith('%7B') || text.startsWith('%7b')) {
      try {
        text = decodeURIComponent(text);
      } catch {
        return undefined;
      }
    }
    if (!text.startsWith('{')) return undefined;
    try {
      return fieldsOf(JSON.parse(text));
    } catch {
      return undefined;
    }
  }
  const fields = fieldsOf(value);
  return fields.Statement !== undefined ? fields : undefined;
}

export function statementsOf(document: Fields): Fields[] {
  const statement = document.Statement;
  const list = Array.isArray(statement) ? statement : [statement];
  return list.map(fieldsOf);
}

/** The account of an AWS principal (an ARN or a bare account id), '' for `*` and others. */
export function accountOfPrincipal(principal: string): string {
  if (/^\d{12}$/.test(principal)) return principal;
  const match = /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/.exec(principal);
  return match ? match[1] : '';
}

/** The accounts a condition narrows the caller to (`aws:PrincipalAccount`, `kms:CallerAccount`). */
function callerAccounts(condition: unknown): string[] {
  const accounts: string[] = [];
  for (const operands of Object.values(fieldsOf(condition))) {
    for (const [key, value] of Object.entries(fieldsOf(operands))) {
      if (CALLER_ACCOUNT_KEYS.has(key.toLowerCase())) accounts.push(...textsOf(value).filter((v) => /^\d{12}$/.test(v)));
    }
  }
  return accounts;
}

/** The AWS principals a statement names; `*` for everyone. */
function awsPrincipals(principal: unknown): string[] {
  if (principal === '*') return ['*'];
  return textsOf(fieldsOf(principal).AWS);
}

export function grantsOf(document: Fields, owner: string): PolicyGrants {
  let isPublic = false;
  const external = new Set<string>();
  for (const statement of statementsOf(document)) {
    if (statement.Effect !== 'Allow') continue;
    if (statementIsPublic(statement, MORE_LIMITING_KEYS)) isPublic = true;
    if (statement.NotPrincipal !== undefined) continue;
    for (const principal of awsPrincipals(statement.Principal)) {
      if (principal === '*') {
        for (const account of callerAccounts(statement.Condition)) if (account !== owner) external.add(account);
        continue;
      }
      const account = accountOfPrincipal(principal);
      if (account && account !== owner) external.add(account);
    }
  }
  return { public: isPublic, externalAccounts: [...external].sort() };
}
