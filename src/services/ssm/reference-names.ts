/**
 * Names of references to Secrets Manager secrets: `/aws/reference/secretsmanager/<secret id>`,
 * the secret id a name or an ARN, optionally followed by `:<version stage>` or `:<version id>`.
 */
export const SECRETS_PREFIX = '/aws/reference/secretsmanager/';

export const isSecretsReference = (name: string): boolean => name.startsWith(SECRETS_PREFIX);

/** The secret id and selector a reference names. */
export function parseReferenceName(name: string): { secretId: string; selector?: string } {
  const rest = name.slice(SECRETS_PREFIX.length);
  // A secret ARN has colons of its own: the selector follows its 7th.
  const at = rest.startsWith('arn:') ? nthIndex(rest, ':', 7) : rest.indexOf(':');
  return at < 0 ? { secretId: rest } : { secretId: rest.slice(0, at), selector: rest.slice(at + 1) };
}

/** The reference without its selector (what IAM authorizes ssm:GetParameter on). */
export const referenceName = (name: string): string => SECRETS_PREFIX + parseReferenceName(name).secretId;

function nthIndex(text: string, char: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf(char, at + 1);
    if (at < 0) return -1;
  }
  return at;
}
