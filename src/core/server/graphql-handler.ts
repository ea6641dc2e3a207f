// Apollo Server behind Express: what `@as-integrations/express5` does, except how a POST answer is
// written. Express's `res.send` hashes every body it sends into an ETag, so that a client revalidating
// a GET can be answered 304; nobody revalidates a POST (caches never store one), so a POST answer is
// written as it is, without a hash of its whole text (a page's answer is tens of kB). GET answers still
// go through `res.send`, ETag and 304 included.
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import { parse as parseUrl } from 'node:url';

export interface GraphQLHandlerOptions<Context extends BaseContext> {
  context: (args: { req: Request; res: Response }) => Promise<Context>;
}

export function graphqlHandler<Context extends BaseContext>(
  server: ApolloServer<Context>,
  options: GraphQLHandlerOptions<Context>,
): RequestHandler {
  server.assertStarted('graphqlHandler()');
  return async (req, res) => {
    if (!('body' in req)) {
      res.status(500).send('`req.body` is not set: the JSON body parser must run before the GraphQL handler');
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method.toUpperCase(),
        headers,
        search: parseUrl(req.url).search ?? '',
        body: req.body,
      },
      context: () => options.context({ req, res }),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      if (req.method !== 'POST') {
        res.send(response.body.string);
        return;
      }
      // Encoded once, and written after the headers without copying the text into one string with them.
      const body = Buffer.from(response.body.string, 'utf8');
      res.setHeader('content-length', body.length);
      res.end(body);
      return;
    }
    for await (const chunk of response.body.asyncIterator) {
      res.write(chunk);
      // Set by compression middleware, when there is one: each part goes out as soon as it is ready.
      const flushable = res as Response & { flush?: () => void };
      if (typeof flushable.flush === 'function') flushable.flush();
    }
    res.end();
  };
}
