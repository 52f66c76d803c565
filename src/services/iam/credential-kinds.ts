/**
 * Store kinds of the credentials that hang off an IAM user (`<user id>/<credential id>`), in a
 * file of their own so users.ts can refuse DeleteUser while any exist without an import cycle.
 */
export const SSH_KEY_KIND = 'iam:ssh-public-key';
export const SIGNING_CERT_KIND = 'iam:signing-certificate';
export const SERVICE_CREDENTIAL_KIND = 'iam:service-credential';
