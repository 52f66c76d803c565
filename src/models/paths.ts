import { existsSync } from 'node:fs';

/** The package root: the nearest folder above this module that holds package.json. */
function findPackageRoot(): URL {
  let dir = new URL('./', import.meta.url);
  for (let i = 0; i < 6; i++) {
    if (existsSync(new URL('package.json', dir))) return dir;
    dir = new URL('../', dir);
  }
  throw new Error('bulwark: package.json not found above ' + import.meta.url);
}

export const packageRoot = findPackageRoot();
/** The generated model tables, committed in src/models/generated/ (read at run time from there). */
export const generatedDir = new URL('src/models/generated/', packageRoot);
