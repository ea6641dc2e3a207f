// Runs the docs' examples, in name order, on one seeded server; each role's key is made once, named as
// the docs show it ("newsdesk" for the editor).
import type { GraphQLResponse, TestServer } from '../../tests/helpers/test-server.js';
import type { Example } from './examples.js';

const KEY_NAMES = { READER: 'analyst', EDITOR: 'newsdesk', ADMIN: 'admin' } as const;

export async function runExamples(
  server: Pick<TestServer, 'gql'>,
  examples: Example[],
  makeKey: (role: NonNullable<Example['role']>, name: string) => Promise<{ authorization: string }>,
): Promise<Map<string, GraphQLResponse>> {
  const keys = new Map<string, string>();
  const answers = new Map<string, GraphQLResponse>();
  for (const example of examples) {
    const headers: Record<string, string> = {};
    if (example.role) {
      if (!keys.has(example.role))
        keys.set(example.role, (await makeKey(example.role, KEY_NAMES[example.role])).authorization);
      headers.authorization = keys.get(example.role)!;
    }
    answers.set(example.name, await server.gql(example.document, example.variables, headers));
  }
  return answers;
}
