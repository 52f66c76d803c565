import type { ServiceDefinition } from '../types.js';
import { assumeRole } from './assume-role.js';
import { getCallerIdentity } from './get-caller-identity.js';
import { decodeAuthorizationMessageHandler, getAccessKeyInfo } from './key-info.js';
import { getFederationToken, getSessionToken } from './session-tokens.js';
import { assumeRoleWithWebIdentity } from './web-identity.js';

export const stsService: ServiceDefinition = {
  name: 'sts',
  operations: {
    GetCallerIdentity: getCallerIdentity,
    AssumeRole: assumeRole,
    AssumeRoleWithWebIdentity: assumeRoleWithWebIdentity,
    GetSessionToken: getSessionToken,
    GetFederationToken: getFederationToken,
    GetAccessKeyInfo: getAccessKeyInfo,
    DecodeAuthorizationMessage: decodeAuthorizationMessageHandler,
  },
};
