/** A one-line progress bar on a terminal: bytes read of the total, events, rate. */
export interface ProgressBar {
  update(progress: { bytes: number; totalBytes: number; events: number }): void;
  done(): void;
}

/** Inputs smaller than this finish before a bar would help. */
const WORTH_SHOWING_BYTES = 32 << 20;
const REDRAW_MS = 200;

export function progressBar(out: NodeJS.WriteStream): ProgressBar {
  const started = Date.now();
  let drawn = 0;
  let shown = false;
  return {
    update({ bytes, totalBytes, events }) {
      const now = Date.now();
      if (totalBytes < WORTH_SHOWING_BYTES || now - drawn < REDRAW_MS) return;
      drawn = now;
      shown = true;
      const share = totalBytes > 0 ? Math.min(1, bytes / totalBytes) : 1;
      const width = 30;
      const filled = Math.round(share * width);
      const rate = Math.round(events / Math.max(0.001, (now - started) / 1000));
      out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${events.toLocaleString('en-US')} events  ${rate.toLocaleString('en-US')}/s `);
    },
    done() {
      if (shown) out.write('\n');
    },
  };
}
