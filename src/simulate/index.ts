/** `bulwark simulate` as a library: the technique catalog and the runner the CLI wraps. */
export { selectTechniques, TECHNIQUES, UnknownTechniqueError } from './catalog.js';
export { formatJson, formatList, formatTable } from './report.js';
export { runSimulation, type SimulationOptions, type SimulationReport, type TechniqueResult } from './runner.js';
export type { AnyTechnique, Technique, TechniqueContext } from './technique.js';
