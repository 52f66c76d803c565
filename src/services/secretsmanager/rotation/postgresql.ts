/**
 * The built-in rotator `bulwark-postgresql`, the single-user strategy: the secret is JSON
 * {engine: "postgres", host, port, username, password, dbname}.
 *
 *   createSecret   AWSPENDING = the same JSON with a new random password
 *   setSecret      log in as the user with the AWSCURRENT password and ALTER ROLE … PASSWORD
 *                  (identifier and literal quoted by the driver); when AWSCURRENT no longer logs
 *                  in but the pending password does, the step was done already
 *   testSecret     log in with the pending password
 *   finishSecret   AWSCURRENT moves to the pending version
 */
import pg from 'pg';
import { AWSCURRENT } from '../common.js';
import type { RotationRun, Step } from './context.js';
import { serviceContext } from './context.js';
import { randomPassword, withPassword } from './random-password.js';
import { createPending, currentSecret, finishPending, readText } from './values.js';

interface Credentials {
  host: string;
  port: number;
  username: string;
  password: string;
  dbname: string;
}

const CONNECT_TIMEOUT_MS = 10_000;

function credentialsOf(text: string | undefined, which: string): Credentials {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text ?? '') as Record<string, unknown>;
  } catch {
    throw new Error(`the ${which} value is not JSON`);
  }
  if (parsed === null || typeof parsed !== 'object') throw new Error(`the ${which} value is not a JSON object`);
  const { host, username, password } = parsed;
  if (typeof host !== 'string' || typeof username !== 'string' || typeof password !== 'string') {
    throw new Error(`the ${which} value lacks host, username or password`);
  }
  if (parsed.engine !== undefined && parsed.engine !== 'postgres') throw new Error(`the ${which} value's engine is not postgres`);
  const port = parsed.port === undefined ? 5432 : Number(parsed.port);
  const dbname = typeof parsed.dbname === 'string' ? parsed.dbname : 'postgres';
  return { host, port, username, password, dbname };
}

async function connect(c: Credentials): Promise<pg.Client> {
  const client = new pg.Client({ host: c.host, port: c.port, user: c.username, password: c.password, database: c.dbname, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
  return client;
}

async function canLogIn(c: Credentials): Promise<boolean> {
  try {
    const client = await connect(c);
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export async function postgresqlStep(step: Step, run: RotationRun): Promise<void> {
  const ctx = serviceContext(run);
  if (step === 'createSecret') {
    credentialsOf(await readText(ctx, await currentSecret(ctx, run), undefined, AWSCURRENT), 'AWSCURRENT');
    const password = await randomPassword();
    await createPending(ctx, run, (current) => withPassword(current, password));
    return;
  }
  if (step === 'finishSecret') return finishPending(ctx, run);
  const found = await currentSecret(ctx, run);
  const pending = credentialsOf(await readText(ctx, found, run.token), 'AWSPENDING');
  if (step === 'testSecret') {
    const client = await connect(pending);
    try {
      await client.query('SELECT 1');
    } finally {
      await client.end().catch(() => undefined);
    }
    return;
  }
  // setSecret: as the user, with the AWSCURRENT password; when that no longer logs in, a
  // retried rotation may have set the pending one already.
  const current = credentialsOf(await readText(ctx, found, undefined, AWSCURRENT), 'AWSCURRENT');
  let client: pg.Client;
  try {
    client = await connect(current);
  } catch (err) {
    if (await canLogIn(pending)) return;
    throw err;
  }
  try {
    await client.query(`ALTER ROLE ${client.escapeIdentifier(pending.username)} WITH PASSWORD ${client.escapeLiteral(pending.password)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
