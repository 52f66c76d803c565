/** Who is calling: the authenticated identity every request carries past authentication. */
export type PrincipalType = 'Root' | 'IAMUser' | 'AssumedRole' | 'FederatedUser' | 'AWSService' | 'Anonymous';

export interface Principal {
  type: PrincipalType;
  account: string;
  /** arn:aws:iam::123456789012:root, …:user/alice, arn:aws:sts::…:assumed-role/Role/session */
  arn: string;
  /** The unique id AWS reports (account id for root, AIDA… for users, AROA…:session for roles). */
  userId: string;
  accessKeyId?: string;
}

export function rootPrincipal(account: string, accessKeyId?: string): Principal {
  return { type: 'Root', account, arn: `arn:aws:iam::${account}:root`, userId: account, accessKeyId };
}
