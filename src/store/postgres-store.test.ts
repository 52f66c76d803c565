/**
 * Runs the store contract against PostgreSQL in a unique schema that is dropped afterwards.
 * The server defaults to postgres://127.0.0.1:5432/test as `root`, then `postgres` (trust auth);
 * BULWARK_TEST_PG_URL overrides. When no server answers the tests skip, saying why.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test, type TestContext } from 'node:test';
import pg from 'pg';
import { openStore } from './index.js';
import { MIGRATIONS } from './migrations.js';
import { openPostgresStore } from './postgres-store.js';
import { A, storeContract } from './store-contract.js';

const CANDIDATES = process.env.BULWARK_TEST_PG_URL
  ? [process.env.BULWARK_TEST_PG_URL]
  : ['postgres://root@127.0.0.1:5432/test', 'postgres://postgres@127.0.0.1:5432/test'];
const schemaPrefix = `bulwark_test_${process.pid}_${randomBytes(4).toString('hex')}`;
let url: string | undefined;
const unreachable: string[] = [];

async function connect(candidate: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: candidate, connectionTimeoutMillis: 2000 });
  await client.connect();
  return client;
}

before(async () => {
  for (const candidate of CANDIDATES) {
    try {
      await (await connect(candidate)).end();
      url = candidate;
      return;
    } catch (err) {
      unreachable.push(`${candidate}: ${(err as Error).message}`);
    }
  }
});

after(async () => {
  if (!url) return;
  const client = await connect(url);
  try {
    const { rows } = await client.query('SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)', [schemaPrefix]);
    for (const { nspname } of rows) await client.query(`DROP SCHEMA "${nspname}" CASCADE`);
  } finally {
    await client.end();
  }
});

/** The test's server URL, or undefined after marking the test skipped. */
function server(t: TestContext): string | undefined {
  if (!url) t.skip(`PostgreSQL not reachable at ${CANDIDATES.join(' or ')} (${unreachable.join('; ')})`);
  return url;
}

test('PostgreSQL passes the store contract', async (t) => {
  const base = server(t);
  if (base) await storeContract(t, () => openStore({ url: base, schema: `${schemaPrefix}_contract` }));
});

test('PostgreSQL migrations are idempotent, even when stores open concurrently', async (t) => {
  const base = server(t);
  if (!base) return;
  const schema = `${schemaPrefix}_migrate`;
  const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore({ url: `${base}?schema=${schema}` })));
  await stores[0].put(A, 'k', 'x', 1);
  assert.equal((await stores[2].get(A, 'k', 'x'))?.value, 1, 'the URL schema parameter selects the schema');
  await Promise.all(stores.map((store) => store.close()));
  await (await openPostgresStore({ url: base, schema })).close();
  const client = await connect(base);
  try {
    const { rows } = await client.query(`SELECT version, name FROM "${schema}".schema_migrations ORDER BY version`);
    assert.deepEqual(rows, MIGRATIONS.map(({ version, name }) => ({ version, name })));
  } finally {
    await client.end();
  }
});

test('PostgreSQL rejects an invalid schema name', async (t) => {
  const base = server(t);
  if (base) await assert.rejects(openPostgresStore({ url: base, schema: 'bad"name' }), /invalid PostgreSQL schema/);
});
