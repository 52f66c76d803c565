import type { UnsignedRequest } from './sign.js';

/** The operations the benchmark drives, as wire requests any AWS endpoint understands. */
export interface Scenario {
  name: string;
  request: UnsignedRequest;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

export const SCENARIOS: Scenario[] = [
  {
    name: 'sts:GetCallerIdentity',
    request: { service: 'sts', method: 'POST', path: '/', headers: FORM, body: 'Action=GetCallerIdentity&Version=2011-06-15' },
  },
];
