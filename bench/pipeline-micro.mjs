import { createPipeline } from '/work/main/dist/src/server/pipeline.js';
import { protocolCodecs } from '/work/main/dist/src/protocol/index.js';
import { CredentialDirectory } from '/work/main/dist/src/accounts/credential-directory.js';
import { openStore } from '/work/main/dist/src/store/index.js';
import { createLogger } from '/work/main/dist/src/server/logger.js';
import { allowRoot } from '/work/main/dist/src/server/steps/authorize.js';
import { sign } from '/work/main/dist/bench/sign.js';
import { SCENARIOS } from '/work/main/dist/bench/scenarios.js';
const store = await openStore({ inMemory: true });
const credentials = new CredentialDirectory(store, { accountId: '000000000000', root: { accessKeyId: 'test', secretAccessKey: 'test' }, acceptAnyKey: false });
const p = createPipeline({ store, credentials, codecs: protocolCodecs, authorize: allowRoot, defaultRegion: 'us-east-1', logger: createLogger('warn'), observers: [] });
const s = await sign('http://127.0.0.1:4566', SCENARIOS[0].request);
const headers = {}; for (const [k, v] of Object.entries(s.headers)) headers[k.toLowerCase()] = v;
const mk = () => ({ method: 'POST', path: '/', rawQuery: '', headers: { ...headers }, body: Buffer.from(s.body), sourceIp: '127.0.0.1', secure: false });
let r = await p(mk()); console.log(r.status, String(r.body).slice(0, 80));
for (let round = 0; round < 3; round++) {
  const N = 50000; const t = performance.now();
  for (let i = 0; i < N; i++) await p(mk());
  console.log('µs/op', ((performance.now() - t) * 1000 / N).toFixed(2));
}
