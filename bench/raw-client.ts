import { connect, type Socket } from 'node:net';

/**
 * A minimal HTTP/1.1 keep-alive client for load generation: it writes a pre-serialized
 * request and reads just enough of the response (status line, Content-Length or chunked
 * framing) to know where it ends. Far cheaper per request than a general-purpose client, so
 * on a 2-core machine the server under test, not the load generator, sets the pace.
 */
export interface RawResponse {
  status: number;
  body: Buffer;
}

const CRLFCRLF = Buffer.from('\r\n\r\n');

export class RawConnection {
  private socket!: Socket;
  private closed = true;
  private closeAfterResponse = false;
  private buffer: Buffer = Buffer.alloc(0);
  private pending?: { resolve: (r: RawResponse) => void; reject: (e: Error) => void };
  /** How many times the server closed the connection and it was reopened (servers without keep-alive). */
  reconnects = -1;

  private constructor(private readonly host: string, private readonly port: number) {}

  static async open(host: string, port: number): Promise<RawConnection> {
    const conn = new RawConnection(host, port);
    await conn.connect();
    return conn;
  }

  private connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.host, port: this.port }, () => {
        this.closed = false;
        this.reconnects++;
        resolve();
      });
      socket.once('error', reject);
      socket.setNoDelay(true);
      socket.on('data', (chunk: Buffer) => this.onData(chunk));
      socket.on('error', (err) => this.fail(err));
      socket.on('close', () => {
        this.closed = true;
        this.buffer = Buffer.alloc(0);
        this.fail(new Error('connection closed'));
      });
      this.socket = socket;
    });
  }

  async send(request: Buffer): Promise<RawResponse> {
    if (this.closed) await this.connect();
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(request);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private fail(err: Error): void {
    const p = this.pending;
    this.pending = undefined;
    p?.reject(err);
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const response = this.tryParse();
    if (response && this.closeAfterResponse) {
      // the server will close this connection (no keep-alive, e.g. moto's werkzeug): drop it now
      // and open a new one for the next request
      this.closeAfterResponse = false;
      this.closed = true;
      const old = this.socket;
      old.removeAllListeners('close');
      old.removeAllListeners('error');
      old.on('error', () => {});
      old.destroy();
      this.buffer = Buffer.alloc(0);
    }
    if (response && this.pending) {
      const p = this.pending;
      this.pending = undefined;
      p.resolve(response);
    }
  }

  private tryParse(): RawResponse | undefined {
    const headEnd = this.buffer.indexOf(CRLFCRLF);
    if (headEnd < 0) return undefined;
    const head = this.buffer.toString('latin1', 0, headEnd);
    const status = Number(head.slice(9, 12));
    if (/\r\nconnection:\s*close/i.test(head)) this.closeAfterResponse = true;
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    const bodyStart = headEnd + 4;
    if (length) {
      const end = bodyStart + Number(length[1]);
      if (this.buffer.length < end) return undefined;
      return this.take(status, bodyStart, end, end);
    }
    if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) return this.tryParseChunked(status, bodyStart);
    return this.take(status, bodyStart, this.buffer.length, this.buffer.length); // unframed: what has arrived
  }

  private tryParseChunked(status: number, bodyStart: number): RawResponse | undefined {
    const parts: Buffer[] = [];
    let at = bodyStart;
    for (;;) {
      const lineEnd = this.buffer.indexOf('\r\n', at);
      if (lineEnd < 0) return undefined;
      const size = parseInt(this.buffer.toString('latin1', at, lineEnd), 16);
      const dataStart = lineEnd + 2;
      if (this.buffer.length < dataStart + size + 2) return undefined;
      if (size === 0) {
        const body = Buffer.concat(parts);
        this.buffer = this.buffer.subarray(dataStart + 2);
        return { status, body };
      }
      parts.push(this.buffer.subarray(dataStart, dataStart + size));
      at = dataStart + size + 2;
    }
  }

  private take(status: number, start: number, end: number, consumed: number): RawResponse {
    const body = this.buffer.subarray(start, end);
    this.buffer = this.buffer.subarray(consumed);
    return { status, body };
  }
}

/** Serializes a request once; the load loop re-sends the same bytes. */
export function serializeRequest(method: string, path: string, headers: Record<string, string>, body: string): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  let head = `${method} ${path} HTTP/1.1\r\n`;
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() !== 'content-length') head += `${k}: ${v}\r\n`;
  head += `content-length: ${bytes.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), bytes]);
}
