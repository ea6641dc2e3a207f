// docs/errors.md, printed from src/core/errors.ts: every code a client can receive, its HTTP status and meaning.
import { API_ERROR_CODES, PROTOCOL_ERROR_CODES, type ErrorCodeInfo } from '../../src/core/errors.js';

const table = (codes: Record<string, ErrorCodeInfo>) =>
  [
    '| Code | HTTP status | Meaning |',
    '| --- | --- | --- |',
    ...Object.entries(codes).map(([code, info]) => `| \`${code}\` | ${info.status} | ${info.meaning} |`),
  ].join('\n');

export async function renderErrorsDoc(): Promise<string> {
  const text = `# Error codes

<!-- Printed from src/core/errors.ts by \`npm run docs:write\`; tests/docs.test.ts fails when it is out of date. -->

Every error a client can receive carries \`extensions.code\`, one of the codes below; switch on the code,
never on the message. A GraphQL answer with errors may still carry \`data\`: a field that failed is
null and the rest of the query is answered. Outside production, only unexpected errors
(\`INTERNAL_SERVER_ERROR\`) carry \`extensions.stacktrace\`; in production none does.

## Codes this API raises

${table(API_ERROR_CODES)}

## Codes Apollo Server raises before the API runs

${table(PROTOCOL_ERROR_CODES)}

Automatic persisted queries (APQ) are on: a client may send \`extensions.persistedQuery\` with the
SHA-256 of the query instead of its text; the first time, the answer is \`PERSISTED_QUERY_NOT_FOUND\` and
the client resends the hash with the text, which the server then remembers (in memory, per process). See
[frontend.md](frontend.md#persisted-queries).
`;
  return (await import('prettier')).format(text, { parser: 'markdown', printWidth: 110 });
}
