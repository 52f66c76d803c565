/** What the actions share: the error name of an SDK failure, and reading "not there" as undefined. */

export const errorName = (err: unknown): string => (err as { name?: string })?.name ?? '';

/** A rejection handler: these errors (a configuration that does not exist) read as undefined; others stay errors. */
export const absentOn =
  (...names: string[]) =>
  (err: unknown): undefined => {
    if (names.includes(errorName(err))) return undefined;
    throw err;
  };
