import type { ServiceDefinition } from '../types.js';
import { getCallerIdentity } from './get-caller-identity.js';

export const stsService: ServiceDefinition = {
  name: 'sts',
  operations: {
    GetCallerIdentity: getCallerIdentity,
  },
};
