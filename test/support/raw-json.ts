/**
 * Raw JSON bodies through a real SDK client: the client signs whatever body its build step
 * leaves in the request, so a body of the wrong types reaches the server as it is — the way to
 * test what a JSON protocol service does with input no SDK would send.
 */

/** The HTTP status a call ended with (200 when it succeeded), and the error's name and text. */
export const statusOf = (call: Promise<unknown>): Promise<{ status: number; error?: string }> =>
  call.then(
    () => ({ status: 200 }),
    (err: any) => ({ status: err.$metadata?.httpStatusCode ?? 0, error: `${err.name} ${err.message}` }),
  );

interface SdkClient {
  middlewareStack: { add(middleware: any, options: { step: 'build'; name: string }): void };
  send(command: never): Promise<unknown>;
}

export type RawCommand = new (input: never) => object;

export interface RawJsonClient {
  /** Sends `Command` with `body` (JSON-encoded) as its request body. */
  send(Command: RawCommand, body: unknown): Promise<unknown>;
  /** Sends each body; answers, for the assertion message, those not refused with a 4xx. */
  notRefused(bodies: ReadonlyArray<[RawCommand, unknown]>): Promise<string[]>;
}

/** Wraps `client` (its middleware stack gains a build step that puts the raw body in). */
export function rawJsonClient(client: SdkClient): RawJsonClient {
  let raw = '';
  client.middlewareStack.add(
    (next: (args: any) => Promise<unknown>) => async (args: any) => {
      args.request.body = raw;
      args.request.headers['content-length'] = String(Buffer.byteLength(raw));
      return next(args);
    },
    { step: 'build', name: 'rawBody' },
  );
  const send = (Command: RawCommand, body: unknown): Promise<unknown> => {
    raw = JSON.stringify(body);
    return client.send(new Command({} as never) as never);
  };
  return {
    send,
    async notRefused(bodies) {
      const failures: string[] = [];
      for (const [Command, body] of bodies) {
        const outcome = await statusOf(send(Command, body));
        if (!(outcome.status >= 400 && outcome.status < 500)) failures.push(`${Command.name} ${JSON.stringify(body).slice(0, 80)} → ${outcome.status} ${outcome.error}`);
      }
      return failures;
    },
  };
}
