// Where a quote sits in its source's text (W3C Web Annotation selectors), as the tests that write and read
// anchored citations select it.
import { graphql } from './graphql.js';

export const QUOTE_ANCHOR = graphql(`
  fragment QuoteAnchor on Citation {
    quote
    verified
    textQuoteSelector {
      exact
      prefix
      suffix
    }
    textPositionSelector {
      start
      end
    }
  }
`);
