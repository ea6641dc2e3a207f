// Structured JSON logs (pino). Secrets never reach a log line: connection strings are redacted where
// they are formed, and the authorization header is censored here.
import pino from 'pino';

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
  redact: {
    paths: ['req.headers.authorization', '*.authorization', '*.password', '*.apiKey'],
    censor: '[redacted]',
  },
});
export type Logger = typeof logger;
