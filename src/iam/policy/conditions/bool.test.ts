import { runFamily } from '../testing/condition-vectors.js';

runFamily('bool');
