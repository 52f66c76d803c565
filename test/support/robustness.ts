/**
 * The "never a 500" sweep the robustness suites share: every call `calls(value)` builds, for
 * every hostile value, sent by every client. Returns the calls that did not end in success or a
 * 4xx (a 501 NotImplemented counts as an answer when `allowNotImplemented`), described for the
 * assertion message; an empty list is the pass.
 */
import { userWithKey, type UserKeys } from './aws-clients.js';

/** Hostile ids every service's sweep tries first: empty, path characters, NUL, a lone surrogate. */
export const HOSTILE_IDS: readonly string[] = ['', 'x', '/', '..', '%2F', 'a/b', 'bad\u0000id', 'lone\ud800surrogate'];

/** Hostile values every service's sweep tries last: a huge string, prototype names, a wildcard, numbers out of range. */
export const HOSTILE_VALUES: readonly string[] = ['a'.repeat(3000), '__proto__', 'constructor', '*', '-1', '1e309'];

/** An IAM user allowed every action of `service` (`<service>:*`), whose calls the authorizer evaluates. */
export function fuzzerUser(endpoint: string, name: string, service: string): Promise<UserKeys> {
  return userWithKey(endpoint, name, {
    policy: { name: 'all', document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [`${service}:*`], Resource: '*' }] }) },
  });
}

interface Client {
  send(command: never): Promise<unknown>;
}

export async function serverErrors(
  clients: readonly Client[],
  values: readonly string[],
  calls: (value: string) => object[],
  options: { allowNotImplemented?: boolean } = {},
): Promise<string[]> {
  const failures: string[] = [];
  for (const client of clients) {
    for (const value of values) {
      for (const command of calls(value)) {
        try {
          await client.send(command as never);
        } catch (err: any) {
          const status = err.$metadata?.httpStatusCode;
          const answered = (status >= 400 && status < 500) || (options.allowNotImplemented === true && status === 501 && err.name === 'NotImplemented');
          if (!answered) failures.push(`${command.constructor.name} with ${JSON.stringify(value).slice(0, 60)}: ${err.name} ${status} ${err.message}`);
        }
      }
    }
  }
  return failures;
}
