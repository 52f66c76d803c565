/** Timestamp wire formats shared by every protocol: iso8601, rfc822 (HTTP date), unixTimestamp. */
export type TimestampFormat = 'iso8601' | 'rfc822' | 'unixTimestamp';

/** Accepts a Date, epoch seconds or an ISO/HTTP date string from a handler. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value * 1000);
  return new Date(String(value));
}

export function formatTimestamp(value: unknown, format: TimestampFormat): string | number {
  const date = toDate(value);
  switch (format) {
    case 'unixTimestamp': {
      const ms = date.getTime();
      return ms % 1000 === 0 ? ms / 1000 : Number((ms / 1000).toFixed(3));
    }
    case 'rfc822':
      return date.toUTCString();
    default: {
      const iso = date.toISOString();
      return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
    }
  }
}

/** Parses any of the three formats (the SDKs are lenient readers, and so are we); undefined if invalid. */
export function parseTimestamp(text: string | number): Date | undefined {
  if (typeof text === 'number') return validDate(new Date(text * 1000));
  const trimmed = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return validDate(new Date(Number(trimmed) * 1000));
  return validDate(new Date(trimmed));
}

/** Out-of-range epochs and unparseable texts make an Invalid Date: undefined instead. */
function validDate(date: Date): Date | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date;
}
