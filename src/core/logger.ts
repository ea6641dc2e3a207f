// Structured JSON logs (pino). Secrets never reach a log line: credentials in headers and known fields are
// censored by `redact`, and as a last line of defence every written line has the password of any URL
// in it masked, since a connection string can hide inside an error message where no path can name it.
import pino from 'pino';

/** Request headers and fields that carry credentials. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.authorization',
  '*.password',
  '*.apiKey',
  'DATABASE_URL',
  '*.DATABASE_URL',
  '*.connectionString',
];

/** `scheme://user:secret@host` → `scheme://user:***@host`, wherever it appears in a log line. */
export function maskUrlPasswords(text: string): string {
  // Every line passes here (one per request at least): most have no URL, and a substring search is
  // much cheaper than running the pattern at every position.
  if (!text.includes('://')) return text;
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:/@"]*:)[^\s/@"]+@/gi, '$1***@');
}

export function createLogger(
  destination?: pino.DestinationStream,
  level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
) {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      hooks: { streamWrite: maskUrlPasswords },
    },
    destination,
  );
}

export const logger = createLogger();
export type Logger = typeof logger;
